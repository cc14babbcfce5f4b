/**
 * deploy/berth.yaml is what a k3s user applies first: every document must parse, pass the
 * Kubernetes schemas, and be accepted by a real `kubectl apply --server-side --dry-run=server`.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { Namespace } from "kubernetes-models/v1/Namespace";
import { ServiceAccount } from "kubernetes-models/v1/ServiceAccount";
import { PersistentVolumeClaim } from "kubernetes-models/v1/PersistentVolumeClaim";
import { Service } from "kubernetes-models/v1/Service";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { Ingress } from "kubernetes-models/networking.k8s.io/v1/Ingress";
import { ClusterRole } from "kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole";
import { ClusterRoleBinding } from "kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRoleBinding";
import { startSim, type Sim } from "@/server/sim/start-sim";

const run = promisify(execFile);
const FILE = path.resolve(import.meta.dirname, "berth.yaml");

type Manifest = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string }; [key: string]: unknown };

const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  Namespace,
  ServiceAccount,
  PersistentVolumeClaim,
  Service,
  Deployment,
  Ingress,
  ClusterRole,
  ClusterRoleBinding,
};

function readManifests(): Manifest[] {
  const docs = parseAllDocuments(fs.readFileSync(FILE, "utf8"));
  return docs.map((doc) => {
    expect(doc.errors, `YAML errors: ${doc.errors.map((e) => e.message).join("; ")}`).toEqual([]);
    return doc.toJS() as Manifest;
  });
}

function find(manifests: Manifest[], kind: string): Manifest {
  const found = manifests.find((m) => m.kind === kind);
  if (!found) throw new Error(`berth.yaml has no ${kind}`);
  return found;
}

describe("deploy/berth.yaml", () => {
  const manifests = readManifests();

  it("holds exactly the objects of the one-file install", () => {
    expect(manifests.map((m) => `${m.kind}/${m.metadata.name}`)).toEqual([
      "Namespace/berth",
      "ServiceAccount/berth",
      "ClusterRole/berth",
      "ClusterRoleBinding/berth",
      "PersistentVolumeClaim/berth-data",
      "Deployment/berth",
      "Service/berth",
      "Ingress/berth",
    ]);
  });

  it.each(manifests.map((m) => [`${m.kind}/${m.metadata.name}`, m] as const))("%s validates against the Kubernetes schema", (_name, manifest) => {
    const Model = MODELS[manifest.kind];
    expect(Model, `no schema model for ${manifest.kind}`).toBeDefined();
    expect(() => new Model(manifest as never).validate()).not.toThrow();
  });

  it("runs one non-root replica with Recreate, probes, resources and a read-only root filesystem", () => {
    const deployment = find(manifests, "Deployment") as unknown as import("kubernetes-types/apps/v1").Deployment;
    const spec = deployment.spec!;
    expect(spec.replicas).toBe(1);
    expect(spec.strategy?.type).toBe("Recreate");
    const pod = spec.template.spec!;
    expect(pod.serviceAccountName).toBe("berth");
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: "RuntimeDefault" } });
    const [container] = pod.containers;
    expect(container.livenessProbe?.httpGet?.path).toBe("/healthz");
    expect(container.readinessProbe?.httpGet?.path).toBe("/readyz");
    expect(container.resources?.requests).toBeDefined();
    expect(container.resources?.limits?.memory).toBeDefined();
    expect(container.securityContext).toMatchObject({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ["ALL"] },
    });
    const mounts = Object.fromEntries((container.volumeMounts ?? []).map((m) => [m.mountPath, m.name]));
    expect(mounts["/data"]).toBe("data");
    expect(mounts["/tmp"]).toBeDefined();
    expect(mounts["/app/.next/cache"]).toBeDefined();
    const volumes = Object.fromEntries((pod.volumes ?? []).map((v) => [v.name, v]));
    expect(volumes.data.persistentVolumeClaim?.claimName).toBe("berth-data");
    const env = Object.fromEntries((container.env ?? []).map((e) => [e.name, e]));
    expect(env.BERTH_DATA_DIR.value).toBe("/data");
    expect(env.BERTH_ADMIN_TOKEN.valueFrom?.secretKeyRef).toMatchObject({ optional: true });
    expect(env.BERTH_SECRET_KEY.valueFrom?.secretKeyRef).toEqual({ name: "berth-secret-key", key: "BERTH_SECRET_KEY", optional: true });
  });

  it("claims a ReadWriteOnce volume from the default StorageClass", () => {
    const pvc = find(manifests, "PersistentVolumeClaim") as unknown as import("kubernetes-types/core/v1").PersistentVolumeClaim;
    expect(pvc.spec?.accessModes).toEqual(["ReadWriteOnce"]);
    expect(pvc.spec?.storageClassName).toBeUndefined();
  });

  it("routes the Ingress to the Service, and the Service to the container's port", () => {
    const ingress = find(manifests, "Ingress") as unknown as import("kubernetes-types/networking/v1").Ingress;
    const service = find(manifests, "Service") as unknown as import("kubernetes-types/core/v1").Service;
    const backend = ingress.spec?.rules?.[0].http?.paths[0].backend.service;
    expect(backend?.name).toBe(service.metadata?.name);
    expect(service.spec?.ports?.map((p) => p.name)).toContain(backend?.port?.name);
    expect(service.spec?.ports?.[0].port).toBe(80);
    expect(ingress.spec?.tls).toBeUndefined();
  });

  describe("kubectl apply --server-side --dry-run=server", () => {
    let sim: Sim;
    let dir: string;

    beforeAll(async () => {
      sim = await startSim({ port: 0, controllers: false });
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-yaml-"));
      await sim.writeKubeconfig(path.join(dir, "kubeconfig"));
    }, 30_000);

    afterAll(async () => {
      await sim?.stop();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    it("is accepted by the API server for every object", async () => {
      // A real server refuses a dry run of namespaced objects into a namespace that does not
      // exist yet, so the namespace is created first, as a previous apply would have.
      const created = await fetch(`${sim.httpUrl}/api/v1/namespaces`, {
        method: "POST",
        headers: { authorization: `Bearer ${sim.adminToken}`, "content-type": "application/json" },
        body: JSON.stringify({ apiVersion: "v1", kind: "Namespace", metadata: { name: "berth" } }),
      });
      expect(created.status).toBe(201);
      const { stdout } = await run(
        "kubectl",
        ["--kubeconfig", path.join(dir, "kubeconfig"), "apply", "--server-side", "--dry-run=server", "-f", FILE],
        { timeout: 30_000, env: { ...process.env, KUBECACHEDIR: path.join(dir, "cache") } },
      );
      expect(stdout.trim().split("\n").sort()).toEqual(
        [
          "namespace/berth serverside-applied (server dry run)",
          "serviceaccount/berth serverside-applied (server dry run)",
          "clusterrole.rbac.authorization.k8s.io/berth serverside-applied (server dry run)",
          "clusterrolebinding.rbac.authorization.k8s.io/berth serverside-applied (server dry run)",
          "persistentvolumeclaim/berth-data serverside-applied (server dry run)",
          "deployment.apps/berth serverside-applied (server dry run)",
          "service/berth serverside-applied (server dry run)",
          "ingress.networking.k8s.io/berth serverside-applied (server dry run)",
        ].sort(),
      );
      // A dry run writes nothing.
      const { stdout: after } = await run("kubectl", ["--kubeconfig", path.join(dir, "kubeconfig"), "-n", "berth", "get", "deploy", "-o", "name"], {
        timeout: 20_000,
        env: { ...process.env, KUBECACHEDIR: path.join(dir, "cache") },
      });
      expect(after.trim()).toBe("");
    }, 60_000);
  });
});

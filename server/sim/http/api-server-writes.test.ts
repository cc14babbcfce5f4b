import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSim, type Sim } from "@/server/sim/start-sim";
import { deploymentBody, requester } from "@/server/sim/http/test-request";

let sim: Sim;
let api: ReturnType<typeof requester>;
const D = "/apis/apps/v1/namespaces/default/deployments";
const ct = (type: string) => ({ "Content-Type": type });

beforeAll(async () => {
  sim = await startSim({ port: 0, controllers: false });
  api = requester(sim.httpUrl, sim.adminToken);
});
afterAll(() => sim.stop());

describe("validation", () => {
  it("answers an invalid name with the exact 422 Status of the real server", async () => {
    const res = await api("POST", D, deploymentBody("Web_Bad"));
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ kind: "Status", apiVersion: "v1", status: "Failure", reason: "Invalid", code: 422, details: { name: "Web_Bad", group: "apps", kind: "Deployment" } });
    expect(res.body.message).toBe(
      `Deployment.apps "Web_Bad" is invalid: metadata.name: Invalid value: "Web_Bad": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    );
    expect(res.body.details.causes).toEqual([expect.objectContaining({ reason: "FieldValueInvalid", field: "metadata.name" })]);
  });

  it("reports required fields and a selector that does not match the template", async () => {
    const body = deploymentBody("req") as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    body.spec.selector = { matchLabels: { app: "other" } };
    delete body.spec.template.spec.containers[0].image;
    const res = await api("POST", D, body);
    expect(res.status).toBe(422);
    const fields = res.body.details.causes.map((c: { field: string; reason: string }) => `${c.reason} ${c.field}`);
    expect(fields).toEqual(["FieldValueInvalid spec.template.metadata.labels", "FieldValueRequired spec.template.spec.containers[0].image"]);
    expect(res.body.message).toContain('spec.template.metadata.labels: Invalid value: map[string]string{"app":"req"}: `selector` does not match template `labels`');
  });

  it("rejects wrong JSON types with the decoder's message and unknown fields under Strict", async () => {
    const wrong = deploymentBody("typed", { replicas: "two" });
    const res = await api("POST", D, wrong);
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32');
    const unknown = deploymentBody("strict", { replica: 2 });
    const strict = await api("POST", `${D}?fieldValidation=Strict`, unknown);
    expect(strict.status).toBe(400);
    expect(strict.body.message).toBe('Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica"');
    const warn = await api("POST", `${D}?fieldValidation=Warn`, unknown);
    expect(warn.status).toBe(201);
    expect(warn.headers.get("warning")).toBe('299 - "unknown field \\"spec.replica\\""');
  });
});

describe("field validation of what Berth renders", () => {
  it("rejects bad label values, env names, ports and dangling volume mounts with the real causes", async () => {
    const body = deploymentBody("fields") as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    body.metadata.labels["berth.dev/app"] = "My App!";
    const c = body.spec.template.spec.containers[0];
    c.env = [{ name: "1BAD", value: "x" }];
    c.ports = [{ containerPort: 70000 }];
    c.volumeMounts = [{ name: "data", mountPath: "/data" }];
    const res = await api("POST", D, body);
    expect(res.status).toBe(422);
    const causes = res.body.details.causes.map((x: { field: string; message: string }) => `${x.field}: ${x.message}`);
    expect(causes).toEqual([
      `metadata.labels: Invalid value: "My App!": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
      "spec.template.spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive",
      `spec.template.spec.containers[0].env[0].name: Invalid value: "1BAD": a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')`,
      'spec.template.spec.containers[0].volumeMounts[0].name: Not found: "data"',
    ]);
  });

  it("refuses to change a Deployment's selector", async () => {
    await api("POST", D, deploymentBody("immut"));
    const body = deploymentBody("immut") as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    body.spec.selector.matchLabels = { app: "immut", v: "2" };
    body.spec.template.metadata.labels = { app: "immut", v: "2" };
    const res = await api("PUT", `${D}/immut`, body);
    expect(res.status).toBe(422);
    expect(res.body.message).toBe('Deployment.apps "immut" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"immut", "v":"2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable');
  });

  it("checks Service ports, PVC requests and Ingress paths", async () => {
    const svc = await api("POST", "/api/v1/namespaces/default/services", { apiVersion: "v1", kind: "Service", metadata: { name: "s" }, spec: { ports: [{ port: 80 }, { port: 0 }] } });
    expect(svc.body.message).toBe('Service "s" is invalid: [spec.ports[0].name: Required value, spec.ports[1].name: Required value, spec.ports[1].port: Invalid value: 0: must be between 1 and 65535, inclusive, spec.ports[1].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive]');
    const pvc = await api("POST", "/api/v1/namespaces/default/persistentvolumeclaims", { apiVersion: "v1", kind: "PersistentVolumeClaim", metadata: { name: "data" }, spec: {} });
    expect(pvc.body.message).toBe('PersistentVolumeClaim "data" is invalid: [spec.accessModes: Required value: at least 1 access mode is required, spec.resources[storage]: Required value]');
    const ing = await api("POST", "/apis/networking.k8s.io/v1/namespaces/default/ingresses", {
      apiVersion: "networking.k8s.io/v1", kind: "Ingress", metadata: { name: "web" },
      spec: { rules: [{ host: "Bad_Host", http: { paths: [{ path: "/", backend: { service: { name: "web", port: { number: 80 } } } }] } }] },
    });
    expect(ing.status).toBe(422);
    expect(ing.body.details.causes.map((x: { field: string }) => x.field)).toEqual(["spec.rules[0].host", "spec.rules[0].http.paths[0].pathType"]);
  });
});

describe("patch", () => {
  it("applies merge, JSON and strategic merge patches (containers merged by name)", async () => {
    await api("POST", D, deploymentBody("pt"));
    const merge = await api("PATCH", `${D}/pt`, { spec: { replicas: 3 } }, ct("application/merge-patch+json"));
    expect(merge.body.spec.replicas).toBe(3);
    const json = await api("PATCH", `${D}/pt`, [{ op: "replace", path: "/spec/replicas", value: 1 }], ct("application/json-patch+json"));
    expect(json.body.spec.replicas).toBe(1);
    const smp = await api("PATCH", `${D}/pt`, { spec: { template: { spec: { containers: [{ name: "web", image: "nginx:1.28" }, { name: "side", image: "busybox" }] } } } }, ct("application/strategic-merge-patch+json"));
    const containers = smp.body.spec.template.spec.containers;
    expect(containers.map((c: { name: string; image: string }) => `${c.name}=${c.image}`)).toEqual(["web=nginx:1.28", "side=busybox"]);
    expect(containers[0].ports).toEqual([{ containerPort: 80, protocol: "TCP" }]);
    const merged = await api("PATCH", `${D}/pt`, { spec: { template: { spec: { containers: [{ name: "only" , image: "x"}] } } } }, ct("application/merge-patch+json"));
    expect(merged.body.spec.template.spec.containers.map((c: { name: string }) => c.name)).toEqual(["only"]);
  });

  it("server-side applies with managedFields, reports conflicts like the real server and takes over with force", async () => {
    const yaml = (replicas: number) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ssa\nspec:\n  replicas: ${replicas}\n  selector:\n    matchLabels: {app: ssa}\n  template:\n    metadata:\n      labels: {app: ssa}\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n`;
    const apply = ct("application/apply-patch+yaml");
    const created = await api("PATCH", `${D}/ssa?fieldManager=kubectl&fieldValidation=Strict`, yaml(2), apply);
    expect(created.status).toBe(201);
    const mf = created.body.metadata.managedFields[0];
    expect(mf).toMatchObject({ manager: "kubectl", operation: "Apply", apiVersion: "apps/v1", fieldsType: "FieldsV1" });
    expect(mf.fieldsV1["f:spec"]["f:replicas"]).toEqual({});
    expect(mf.fieldsV1["f:spec"]["f:template"]["f:spec"]["f:containers"]['k:{"name":"web"}']).toMatchObject({ ".": {}, "f:image": {}, "f:name": {} });
    const conflict = await api("PATCH", `${D}/ssa?fieldManager=other`, yaml(5), apply);
    expect(conflict.status).toBe(409);
    expect(conflict.body.message).toBe('Apply failed with 1 conflict: conflict with "kubectl": .spec.replicas');
    expect(conflict.body.details.causes).toEqual([{ reason: "FieldManagerConflict", message: 'conflict with "kubectl"', field: ".spec.replicas" }]);
    const same = await api("PATCH", `${D}/ssa?fieldManager=other`, yaml(2), apply);
    expect(same.status).toBe(200);
    const forced = await api("PATCH", `${D}/ssa?fieldManager=other&force=true`, yaml(5), apply);
    expect(forced.status).toBe(200);
    expect(forced.body.spec.replicas).toBe(5);
    const kubectlEntry = forced.body.metadata.managedFields.find((e: { manager: string }) => e.manager === "kubectl");
    expect(kubectlEntry.fieldsV1["f:spec"]["f:replicas"]).toBeUndefined();
    const noManager = await api("PATCH", `${D}/ssa`, yaml(1), apply);
    expect(noManager.status).toBe(422);
    expect(noManager.body.message).toBe('PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch');
  });

  it("removes fields a manager stops applying", async () => {
    const apply = ct("application/apply-patch+yaml");
    const cm = (data: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: owned\ndata:\n${data}`;
    await api("PATCH", "/api/v1/namespaces/default/configmaps/owned?fieldManager=me", cm("  a: '1'\n  b: '2'\n"), apply);
    const after = await api("PATCH", "/api/v1/namespaces/default/configmaps/owned?fieldManager=me", cm("  a: '1'\n"), apply);
    expect(after.body.data).toEqual({ a: "1" });
  });
});

describe("subresources and dry run", () => {
  it("keeps status and spec apart and serves autoscaling/v1 Scale", async () => {
    await api("POST", D, deploymentBody("sub"));
    const live = (await api("GET", `${D}/sub`)).body;
    const st = await api("PUT", `${D}/sub/status`, { ...live, spec: { ...live.spec, replicas: 9 }, status: { replicas: 2, readyReplicas: 1 } });
    expect(st.body.status).toEqual({ replicas: 2, readyReplicas: 1 });
    expect(st.body.spec.replicas).toBe(2);
    expect(st.body.metadata.generation).toBe(1);
    const noStatus = await api("PATCH", `${D}/sub`, { status: { replicas: 7 } }, ct("application/merge-patch+json"));
    expect(noStatus.body.status.replicas).toBe(2);
    const scale = (await api("GET", `${D}/sub/scale`)).body;
    expect(scale).toMatchObject({ kind: "Scale", apiVersion: "autoscaling/v1", spec: { replicas: 2 }, status: { replicas: 2, selector: "app=sub" } });
    const scaled = await api("PATCH", `${D}/sub/scale`, { spec: { replicas: 6 } }, ct("application/merge-patch+json"));
    expect(scaled.body.spec.replicas).toBe(6);
    expect((await api("GET", `${D}/sub`)).body).toMatchObject({ spec: { replicas: 6 }, metadata: { generation: 2 } });
  });

  it("runs every check but stores nothing under dryRun=All", async () => {
    const res = await api("POST", `${D}?dryRun=All`, deploymentBody("dry"));
    expect(res.status).toBe(201);
    expect(res.body.metadata.uid).toBeTruthy();
    expect((await api("GET", `${D}/dry`)).status).toBe(404);
    await api("POST", D, deploymentBody("keep"));
    await api("DELETE", `${D}/keep?dryRun=All`);
    expect((await api("GET", `${D}/keep`)).status).toBe(200);
    const patched = await api("PATCH", `${D}/keep?dryRun=All`, { spec: { replicas: 8 } }, ct("application/merge-patch+json"));
    expect(patched.body.spec.replicas).toBe(8);
    expect((await api("GET", `${D}/keep`)).body.spec.replicas).toBe(2);
  });
});

describe("delete", () => {
  it("collects owned objects in the background and keeps them with Orphan", async () => {
    const owner = (await api("POST", D, deploymentBody("own"))).body;
    const ref = [{ apiVersion: "apps/v1", kind: "Deployment", name: "own", uid: owner.metadata.uid, controller: true }];
    await api("POST", "/api/v1/namespaces/default/configmaps", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "child", ownerReferences: ref } });
    const del = await api("DELETE", `${D}/own`);
    expect(del.body).toMatchObject({ kind: "Status", status: "Success", details: { name: "own", group: "apps", kind: "deployments" } });
    expect((await api("GET", "/api/v1/namespaces/default/configmaps/child")).status).toBe(404);
    const owner2 = (await api("POST", D, deploymentBody("own2"))).body;
    await api("POST", "/api/v1/namespaces/default/configmaps", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "child2", ownerReferences: [{ ...ref[0], name: "own2", uid: owner2.metadata.uid }] } });
    await api("DELETE", `${D}/own2`, { propagationPolicy: "Orphan" });
    const orphan = await api("GET", "/api/v1/namespaces/default/configmaps/child2");
    expect(orphan.status).toBe(200);
    expect(orphan.body.metadata.ownerReferences).toBeUndefined();
  });

  it("takes a namespace through Terminating and removes its contents", async () => {
    await api("POST", "/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: "gone" } });
    await api("POST", "/api/v1/namespaces/gone/configmaps", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" } });
    const del = await api("DELETE", "/api/v1/namespaces/gone");
    expect(del.body).toMatchObject({ kind: "Namespace", status: { phase: "Terminating" } });
    const refused = await api("POST", "/api/v1/namespaces/gone/configmaps", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "d" } });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toBe('configmaps "d" is forbidden: unable to create new content in namespace gone because it is being terminated');
    for (let i = 0; i < 50 && (await api("GET", "/api/v1/namespaces/gone")).status !== 404; i++) await new Promise((r) => setTimeout(r, 20));
    expect((await api("GET", "/api/v1/namespaces/gone")).status).toBe(404);
    expect((await api("GET", "/api/v1/namespaces/gone/configmaps/c")).status).toBe(404);
  });
});

describe("deletecollection and metrics", () => {
  it("deletes only the selected objects and returns them", async () => {
    for (const [name, env] of [["dc1", "test"], ["dc2", "test"], ["dc3", "prod"]]) {
      await api("POST", "/api/v1/namespaces/default/configmaps", { apiVersion: "v1", kind: "ConfigMap", metadata: { name, labels: { env } } });
    }
    const res = await api("DELETE", "/api/v1/namespaces/default/configmaps?labelSelector=env%3Dtest");
    expect(res.body.kind).toBe("ConfigMapList");
    expect(res.body.items.map((i: { metadata: { name: string } }) => i.metadata.name)).toEqual(["dc1", "dc2"]);
    const left = (await api("GET", "/api/v1/namespaces/default/configmaps?labelSelector=env")).body.items.map((i: { metadata: { name: string } }) => i.metadata.name);
    expect(left).toEqual(["dc3"]);
  });

  it("serves metrics.k8s.io read-only", async () => {
    const list = await api("GET", "/apis/metrics.k8s.io/v1beta1/namespaces/default/pods");
    expect(list.status).toBe(200);
    expect(list.body.kind).toBe("PodMetricsList");
    const write = await api("POST", "/apis/metrics.k8s.io/v1beta1/namespaces/default/pods", {});
    expect(write.status).toBe(405);
    expect(write.body.reason).toBe("MethodNotAllowed");
  });

  it("filters PodMetrics by label selector, as metrics-server does", async () => {
    const pods = { group: "", version: "v1", plural: "pods" };
    for (const [name, app] of [["mx-a", "shop"], ["mx-b", "blog"]]) {
      sim.store.create(pods, {
        apiVersion: "v1",
        kind: "Pod",
        metadata: { name, namespace: "default", labels: { app } },
        spec: { containers: [{ name: "app", image: "nginx:1.27" }] },
        status: { phase: "Running" },
      });
    }
    const list = await api("GET", "/apis/metrics.k8s.io/v1beta1/namespaces/default/pods?labelSelector=app%3Dshop");
    expect(list.body.items.map((i: { metadata: { name: string } }) => i.metadata.name)).toEqual(["mx-a"]);
  });
});

describe("defaults and allocated values", () => {
  const S = "/api/v1/namespaces/default/services";
  const service = (name: string, spec: Record<string, unknown> = {}) => ({ apiVersion: "v1", kind: "Service", metadata: { name }, spec: { selector: { app: name }, ports: [{ port: 80 }], ...spec } });

  it("gives each created Service its own cluster IP in the create response, and keeps it when an update omits it", async () => {
    const a = await api("POST", S, service("ip-a"));
    const b = await api("POST", S, service("ip-b"));
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.spec).toMatchObject({ type: "ClusterIP", clusterIP: expect.stringMatching(/^10\.43\.\d+\.\d+$/), ipFamilies: ["IPv4"], internalTrafficPolicy: "Cluster" });
    expect(a.body.spec.clusterIPs).toEqual([a.body.spec.clusterIP]);
    expect(b.body.spec.clusterIP).not.toBe(a.body.spec.clusterIP);
    const put = await api("PUT", `${S}/ip-a`, service("ip-a", { ports: [{ port: 8080 }] }));
    expect(put.status).toBe(200);
    expect(put.body.spec.clusterIP).toBe(a.body.spec.clusterIP);
    const external = await api("POST", S, { apiVersion: "v1", kind: "Service", metadata: { name: "ext" }, spec: { type: "ExternalName", externalName: "db.example.com" } });
    expect(external.status).toBe(201);
    expect(external.body.spec.clusterIP).toBeUndefined();
  });

  it("fills the same pod and Job defaults the controllers' objects get", async () => {
    const body = deploymentBody("probed") as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    body.spec.template.spec.containers[0].image = "registry.local:5000/app";
    body.spec.template.spec.containers[0].readinessProbe = { httpGet: { path: "/", port: 80 } };
    const dep = await api("POST", D, body);
    expect(dep.status).toBe(201);
    expect(dep.body.spec.template.metadata.creationTimestamp).toBeNull();
    expect(dep.body.spec.template.spec.containers[0]).toMatchObject({ imagePullPolicy: "Always", readinessProbe: { timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 } });
    const job = await api("POST", "/apis/batch/v1/namespaces/default/jobs", { apiVersion: "batch/v1", kind: "Job", metadata: { name: "once" }, spec: { template: { spec: { restartPolicy: "Never", containers: [{ name: "m", image: "busybox:1.36" }] } } } });
    expect(job.status).toBe(201);
    expect(job.body.spec).toMatchObject({ completions: 1, parallelism: 1, backoffLimit: 6, completionMode: "NonIndexed", suspend: false });
  });
});

import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startKubectlSim, type KubectlSim } from "@/server/sim/conformance/run-kubectl";

const run = promisify(execFile);
let env: KubectlSim;

/** The real kubectl (v1.32) against this file's simulator. */
const kubectl = (...args: string[]) => env.kubectl(...args);
const manifest = (name: string, text: string) => env.manifest(name, text);

const deployment = (name: string, replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: default
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
      - name: web
        image: nginx:1.27
`;

beforeAll(async () => {
  env = await startKubectlSim("sim-kubectl-", 15_000);
});
afterAll(() => env.stop());

describe("kubectl against the simulator", () => {
  it("lists api-resources from discovery", async () => {
    const { stdout, code } = await kubectl("api-resources");
    expect(code).toBe(0);
    expect(stdout).toMatch(/^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment$/m);
    expect(stdout).toMatch(/^pods\s+po\s+v1\s+true\s+Pod$/m);
    expect(stdout).toMatch(/^ingresses\s+ing\s+networking\.k8s\.io\/v1\s+true\s+Ingress$/m);
  });

  it("applies server-side, shows the deployment and its pods, and names the conflicting manager", async () => {
    const file = await manifest("web", deployment("web", 2));
    const applied = await kubectl("apply", "--server-side", "-f", file);
    expect(applied.stdout.trim()).toBe("deployment.apps/web serverside-applied");
    let pods = "";
    for (let i = 0; i < 100; i++) {
      pods = (await kubectl("get", "pods", "-l", "app=web")).stdout;
      if ((pods.match(/1\/1\s+Running/g) ?? []).length === 2) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const lines = pods.trim().split("\n");
    expect(lines[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
    expect(lines.slice(1)).toHaveLength(2);
    for (const line of lines.slice(1)) expect(line).toMatch(/^web-[a-z0-9]+-[a-z0-9]{5}\s+1\/1\s+Running\s+0\s+\d+s$/);
    const table = (await kubectl("get", "deploy", "web")).stdout.trim().split("\n");
    expect(table[0]).toMatch(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE$/);
    expect(table[1]).toMatch(/^web\s+2\/2\s+2\s+2\s+\d+s$/);
    const described = (await kubectl("describe", "deploy", "web")).stdout;
    expect(described).toMatch(/^Replicas:\s+2 desired \| 2 updated \| 2 total \| 2 available \| 0 unavailable$/m);
    expect(described).toMatch(/Normal\s+ScalingReplicaSet\s+.*Scaled up replica set web-[a-z0-9]+ from 0 to 2/);
    const yaml = (await kubectl("get", "deploy", "web", "-o", "yaml")).stdout;
    expect(yaml).toContain("kind: Deployment");
    expect(yaml).toMatch(/^ {2}replicas: 2$/m);
    expect(yaml).toContain("image: nginx:1.27");
    const other = await manifest("web-other", deployment("web", 5));
    const conflict = await kubectl("apply", "--server-side", "--field-manager=other", "-f", other);
    expect(conflict.code).not.toBe(0);
    expect(conflict.stderr).toContain('error: Apply failed with 1 conflict: conflict with "kubectl": .spec.replicas');
    const forced = await kubectl("apply", "--server-side", "--field-manager=other", "--force-conflicts", "-f", other);
    expect(forced.stdout.trim()).toBe("deployment.apps/web serverside-applied");
    expect((await kubectl("get", "deploy", "web", "-o", "jsonpath={.spec.replicas}")).stdout).toBe("5");
  });

  it("prints the real validation message for an invalid name", async () => {
    const file = await manifest("bad", deployment("Web_Bad", 1));
    const { stderr, code } = await kubectl("create", "-f", file);
    expect(code).not.toBe(0);
    expect(stderr).toContain('The Deployment "Web_Bad" is invalid:');
    expect(stderr).toContain(`metadata.name: Invalid value: "Web_Bad": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`);
  });

  it("refuses a request above its limit with the real message, and leaves the Deployment as it was", async () => {
    expect((await kubectl("create", "-f", await manifest("capped", deployment("capped", 1)))).code).toBe(0);
    const { stderr, code } = await kubectl("set", "resources", "deployment/capped", "--requests=cpu=2,memory=64Mi", "--limits=cpu=1,memory=128Mi");
    expect(code).not.toBe(0);
    expect(stderr).toContain('Deployment.apps "capped" is invalid: spec.template.spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1');
    expect((await kubectl("get", "deploy", "capped", "-o", "jsonpath={.spec.template.spec.containers[0].resources}")).stdout).toBe("{}");
    expect((await kubectl("set", "resources", "deployment/capped", "--requests=cpu=500m", "--limits=cpu=1")).code).toBe(0);
  });

  it("explains a field from /openapi/v3 with the upstream description", async () => {
    const { stdout, code } = await kubectl("explain", "deployment.spec.replicas");
    expect(code).toBe(0);
    expect(stdout).toMatch(/GROUP:\s+apps/);
    expect(stdout).toMatch(/KIND:\s+Deployment/);
    expect(stdout).toMatch(/FIELD: replicas <integer>/);
    expect(stdout.replace(/\s+/g, " ")).toContain("Number of desired pods. This is a pointer to distinguish between explicit zero and not specified. Defaults to 1.");
  });

  it("creates with --dry-run=server without storing, then deletes", async () => {
    const file = await manifest("dry", deployment("dry", 1));
    const dry = await kubectl("create", "--dry-run=server", "-f", file);
    expect(dry.stdout.trim()).toBe("deployment.apps/dry created (server dry run)");
    const missing = await kubectl("get", "deploy", "dry");
    expect(missing.stderr.trim()).toBe('Error from server (NotFound): deployments.apps "dry" not found');
    await kubectl("create", "-f", file);
    const del = await kubectl("delete", "deploy", "dry");
    expect(del.stdout.trim()).toBe('deployment.apps "dry" deleted');
    expect((await kubectl("get", "deploy", "dry")).code).not.toBe(0);
  });

  it("is refused writes with the read-only kubeconfig", async () => {
    const viewer = path.join(env.dir, "viewer");
    await env.sim.writeKubeconfig(viewer, { readOnly: true });
    const { stdout } = await run("kubectl", ["--kubeconfig", viewer, "get", "ns", "default", "-o", "name"], { timeout: 15_000 });
    expect(stdout.trim()).toBe("namespace/default");
    const refused = await run("kubectl", ["--kubeconfig", viewer, "create", "configmap", "x"], { timeout: 15_000 }).catch((e: { stderr: string }) => e);
    expect((refused as { stderr: string }).stderr.trim()).toBe('error: failed to create configmap: configmaps is forbidden: User "sim-viewer" cannot create resource "configmaps" in API group "" in the namespace "default"');
  });
});

describe("kubectl imperative commands (protobuf bodies)", () => {
  it("creates a namespace, configmap, secret, deployment and service the way kubectl create sends them", async () => {
    expect((await kubectl("create", "namespace", "imp")).stdout.trim()).toBe("namespace/imp created");
    expect((await kubectl("create", "configmap", "cfg", "--from-literal=a=b", "-n", "imp")).stdout.trim()).toBe("configmap/cfg created");
    expect((await kubectl("create", "secret", "generic", "pw", "--from-literal=pw=hunter2", "-n", "imp")).stdout.trim()).toBe("secret/pw created");
    expect((await kubectl("create", "deployment", "api", "--image=nginx:1.27", "--replicas=2", "--port=80", "-n", "imp")).stdout.trim()).toBe("deployment.apps/api created");
    expect((await kubectl("create", "service", "clusterip", "api", "--tcp=80:8080", "-n", "imp")).stdout.trim()).toBe("service/api created");
    expect((await kubectl("get", "cm", "cfg", "-n", "imp", "-o", "jsonpath={.data.a}")).stdout).toBe("b");
    expect((await kubectl("get", "secret", "pw", "-n", "imp", "-o", "jsonpath={.data.pw}")).stdout).toBe(Buffer.from("hunter2").toString("base64"));
    const deploy = JSON.parse((await kubectl("get", "deploy", "api", "-n", "imp", "-o", "json")).stdout);
    expect(deploy.spec).toMatchObject({ replicas: 2, selector: { matchLabels: { app: "api" } } });
    expect(deploy.spec.template.spec.containers).toEqual([expect.objectContaining({ name: "nginx", image: "nginx:1.27", ports: [{ containerPort: 80, protocol: "TCP" }] })]);
    expect((await kubectl("get", "svc", "api", "-n", "imp", "-o", "jsonpath={.spec.ports[0].targetPort}")).stdout).toBe("8080");
  });
});

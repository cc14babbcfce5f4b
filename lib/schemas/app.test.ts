import { describe, expect, it } from "vitest";
import { appSpecSchema, redactAppSpec, rollbackSchema, scaleSchema, storedAppSpecSchema, type AppSpecInput } from "@/lib/schemas/app";
import { issueSentences } from "@/lib/schemas/format-issues";

const base: AppSpecInput = { name: "web", image: "nginx:1.27", port: 8080 };

function problems(input: unknown): string[] {
  const result = appSpecSchema.safeParse(input);
  return result.success ? [] : issueSentences(result.error);
}

describe("appSpecSchema", () => {
  it("fills the defaults of a minimal app", () => {
    expect(appSpecSchema.parse(base)).toEqual({
      name: "web",
      image: "nginx:1.27",
      port: 8080,
      replicas: 1,
      command: [],
      args: [],
      env: [],
      secretEnv: [],
      hostnames: [],
      tasks: [],
      volumes: [],
      files: [],
    });
  });

  it("accepts a full app", () => {
    const spec = appSpecSchema.parse({
      ...base,
      replicas: 1,
      command: ["/bin/server"],
      args: ["--port", "8080"],
      env: [{ name: "LOG_LEVEL", value: "info" }],
      secretEnv: [{ name: "DATABASE_URL", value: "postgres://u:p@db/x" }],
      resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "1", memory: "1Gi" } },
      healthCheck: { path: "/healthz", port: 9090 },
      hostnames: [{ host: "app.example.com" }, { host: "*.example.com", path: "/api", port: 9090, tlsSecretName: "wild-tls" }],
      volumes: [{ name: "data", size: "1Gi", mountPath: "/data", storageClass: "local-path" }],
    });
    expect(spec.hostnames[0]).toEqual({ host: "app.example.com", path: "/" });
    expect(spec.volumes[0].accessMode).toBe("ReadWriteOnce");
  });

  it("names the field in every error", () => {
    expect(problems({ ...base, name: "Web" })).toEqual(['name: must be lowercase — write "web"']);
    expect(problems({ ...base, name: "a".repeat(31) })).toEqual(["name: must be at most 30 characters (it has 31)"]);
    expect(problems({ ...base, name: "1web" })).toEqual(["name: must start with a letter (it becomes a Service name)"]);
    expect(problems({ ...base, image: "nginx::1" })).toEqual(["image: has '::' — a tag follows a single ':' (e.g. nginx:1.27)"]);
    expect(problems({ ...base, port: 0 })).toEqual(["port: a port must be between 1 and 65535"]);
    expect(problems({ ...base, replicas: 51 })).toEqual(["replicas: replicas must be between 0 (stopped) and 50"]);
    expect(problems({ ...base, replicas: -1 })).toEqual(["replicas: replicas must be between 0 (stopped) and 50"]);
    expect(problems({ ...base, replicas: "2" })).toEqual(["replicas: expected a number of replicas"]);
    expect(problems({ ...base, command: "npm start" })).toEqual(['command: expected a list of strings, e.g. ["--port", "8080"]']);
    expect(problems({ ...base, args: [1] })).toEqual(["args[0]: each args item must be a string"]);
    expect(problems({ ...base, env: [{ name: "1X", value: "a" }] })).toEqual([
      "env[0].name: must not start with a digit (e.g. write _1VAR or VAR_1)",
    ]);
    expect(problems({ ...base, env: [{ name: "PORT", value: 80 }] })).toEqual(['env[0].value: expected a string (quote numbers: "8080")']);
    expect(problems({ ...base, healthCheck: { path: "healthz" } })).toEqual([
      "healthCheck.path: must be an absolute path starting with '/' (e.g. \"/healthz\")",
    ]);
    expect(problems({ ...base, hostnames: [{ host: "a.*.b.com" }] })).toEqual([
      "hostnames[0].host: '*' is allowed only as the whole leftmost label (e.g. *.example.com)",
    ]);
    expect(problems({ ...base, hostnames: [{ host: "a.com", path: "/../x" }] })).toEqual(["hostnames[0].path: must not contain '..' segments"]);
    expect(problems({ ...base, hostnames: [{ host: "a.com", tlsSecretName: "TLS" }] })).toEqual([
      'hostnames[0].tlsSecretName: "TLS" between the dots must be lowercase — write "tls"',
    ]);
    expect(problems({ ...base, volumes: [{ name: "data", size: "1GB", mountPath: "/data" }] })[0]).toMatch(/^volumes\[0\]\.size: unknown unit/);
    expect(problems({ ...base, volumes: [{ name: "data", size: "1Gi", mountPath: "/" }] })[0]).toMatch(/^volumes\[0\]\.mountPath: must not be '\/'/);
    expect(problems({ ...base, volumes: [{ name: "data", size: "1Gi", mountPath: "/d", accessMode: "RWO" }] })).toEqual([
      'volumes[0].accessMode: expected "ReadWriteOnce", "ReadWriteMany" or "ReadWriteOncePod"',
    ]);
    expect(problems({ ...base, image: undefined })).toEqual(["image: required"]);
    expect(problems({ ...base, env: { A: "1" } })).toEqual(["env: expected a list of { name, value }"]);
    expect(problems({ ...base, volumes: Array.from({ length: 21 }, (_, i) => ({ name: `v${i}`, size: "1Gi", mountPath: `/v${i}`, accessMode: "ReadWriteMany" })) })).toEqual([
      "volumes: at most 20 volumes",
    ]);
  });

  it("refuses the name the New app page uses, so every app stays reachable", () => {
    expect(problems({ ...base, name: "new" })).toEqual([`name: "new" is reserved for the New app page — pick another app name`]);
    expect(problems({ ...base, name: "newer" })).toEqual([]);
  });

  it("refuses unknown fields at every level", () => {
    expect(problems({ ...base, replica: 2 })).toEqual(['unknown field "replica" — remove it or check the spelling']);
    expect(problems({ ...base, hostnames: [{ host: "a.com", tls: true }] })).toEqual([
      'hostnames[0]: unknown field "tls" — remove it or check the spelling',
    ]);
    expect(problems({ ...base, resources: { limits: { gpu: "1" } } })).toEqual([
      'resources.limits: unknown field "gpu" — remove it or check the spelling',
    ]);
  });

  it("refuses a limit below its request", () => {
    expect(problems({ ...base, resources: { requests: { cpu: "500m", memory: "1Gi" }, limits: { cpu: "0.25", memory: "1024Mi" } } })).toEqual([
      "resources.limits.cpu: the cpu limit (0.25) is below the request (500m) — raise the limit or lower the request",
    ]);
    expect(problems({ ...base, resources: { requests: { memory: "1Gi" }, limits: { memory: "512Mi" } } })[0]).toMatch(
      /^resources\.limits\.memory: the memory limit \(512Mi\) is below the request \(1Gi\)/,
    );
    expect(problems({ ...base, resources: { requests: { cpu: "1" }, limits: { cpu: "1000m" } } })).toEqual([]);
  });

  it("refuses more than one replica with a single-attach volume, and explains why", () => {
    const rwo = { name: "data", size: "1Gi", mountPath: "/data" };
    expect(problems({ ...base, replicas: 2, volumes: [rwo] })).toEqual([
      'replicas: an app with a ReadWriteOnce volume ("data") can run only 1 replica — on k3s, local-path volumes can be attached to one pod at a time, so a second replica (or a rolling update) would wait forever. Use 1 replica, or a ReadWriteMany storage class.',
    ]);
    expect(problems({ ...base, replicas: 3, volumes: [{ ...rwo, accessMode: "ReadWriteOncePod" }] })[0]).toMatch(/^replicas: .*ReadWriteOncePod/);
    expect(problems({ ...base, replicas: 1, volumes: [rwo] })).toEqual([]);
    expect(problems({ ...base, replicas: 0, volumes: [rwo] })).toEqual([]);
    expect(problems({ ...base, replicas: 5, volumes: [{ ...rwo, accessMode: "ReadWriteMany", storageClass: "nfs" }] })).toEqual([]);
  });

  it("refuses duplicates", () => {
    expect(problems({ ...base, env: [{ name: "A", value: "1" }, { name: "A", value: "2" }] })).toEqual([
      'env[1].name: the variable "A" is already used by env[0] — each must be unique',
    ]);
    expect(problems({ ...base, env: [{ name: "A", value: "1" }], secretEnv: [{ name: "A", value: "2" }] })).toEqual([
      'secretEnv[0].name: "A" is also set in env[0] — keep it in one list',
    ]);
    expect(problems({ ...base, secretEnv: [{ name: "S", value: "1" }, { name: "S", value: "2" }] })).toEqual([
      'secretEnv[1].name: the variable "S" is already used by secretEnv[0] — each must be unique',
    ]);
    expect(problems({ ...base, hostnames: [{ host: "a.com", path: "/" }, { host: "a.com" }] })).toEqual([
      'hostnames[1].host: the host and path "a.com/" is already used by hostnames[0] — each must be unique',
    ]);
    expect(problems({ ...base, hostnames: [{ host: "a.com", path: "/" }, { host: "a.com", path: "/api" }] })).toEqual([]);
    expect(problems({ ...base, hostnames: [{ host: "a.com", path: "/api" }, { host: "a.com", path: "/api/" }] })).toEqual([
      'hostnames[1].host: the host and path "a.com/api" is already used by hostnames[0] — each must be unique',
    ]);
    const vol = { size: "1Gi", accessMode: "ReadWriteMany" };
    expect(problems({ ...base, volumes: [{ ...vol, name: "a", mountPath: "/a" }, { ...vol, name: "a", mountPath: "/b" }] })).toEqual([
      'volumes[1].name: the name "a" is already used by volumes[0] — each must be unique',
    ]);
    expect(problems({ ...base, volumes: [{ ...vol, name: "a", mountPath: "/a" }, { ...vol, name: "b", mountPath: "/a/" }] })).toEqual([
      'volumes[1].mountPath: the mount path "/a" is already used by volumes[0] — each must be unique',
    ]);
  });

  it("refuses a volume mounted inside another volume of the app, either way round", () => {
    const vol = { size: "1Gi", accessMode: "ReadWriteMany" };
    const nested = 'volumes[1].mountPath: "/data/cache" and volumes[0]\'s "/data" are one inside the other, so one mount would hide part of the other — mount each volume at its own directory';
    expect(problems({ ...base, volumes: [{ ...vol, name: "a", mountPath: "/data" }, { ...vol, name: "b", mountPath: "/data/cache" }] })).toEqual([nested]);
    expect(problems({ ...base, volumes: [{ ...vol, name: "a", mountPath: "/data/cache/" }, { ...vol, name: "b", mountPath: "//data" }] })).toEqual([
      'volumes[1].mountPath: "/data" and volumes[0]\'s "/data/cache" are one inside the other, so one mount would hide part of the other — mount each volume at its own directory',
    ]);
    expect(problems({ ...base, volumes: [{ ...vol, name: "a", mountPath: "/data" }, { ...vol, name: "b", mountPath: "/database" }] })).toEqual([]);
  });

  it("refuses a volume over /proc, /sys, /dev or the service-account token, naming the field", () => {
    for (const mountPath of ["/proc", "/proc/self", "/sys", "/dev", "/var/run/secrets/kubernetes.io/serviceaccount"]) {
      expect(problems({ ...base, volumes: [{ name: "a", size: "1Gi", mountPath }] })[0]).toMatch(/^volumes\[0\]\.mountPath: must not be \//);
    }
  });

  it("caps the size of env values so the spec annotation and Secret stay within limits", () => {
    const big = Array.from({ length: 5 }, (_, i) => ({ name: `V${i}`, value: "x".repeat(30 * 1024) }));
    expect(problems({ ...base, env: big })).toEqual(["env: the env values add up to more than 128 KiB — move large values into a volume"]);
    expect(problems({ ...base, env: [{ name: "A", value: "x".repeat(32 * 1024 + 1) }] })).toEqual(["env[0].value: at most 32 KiB"]);
  });

  it("refuses a TLS Secret name that is the app's own secret env Secret", () => {
    expect(problems({ ...base, hostnames: [{ host: "a.com", tlsSecretName: "web-env" }] })).toEqual([
      'hostnames[0].tlsSecretName: "web-env" is the Secret Berth keeps this app\'s secret env in — name the certificate Secret differently',
    ]);
  });

  it("stores Ingress paths without a trailing slash, since Prefix matching ignores it", () => {
    const spec = appSpecSchema.parse({ ...base, hostnames: [{ host: "a.com", path: "/api/" }, { host: "b.com", path: "/" }, { host: "c.com" }] });
    expect(spec.hostnames.map((h) => h.path)).toEqual(["/api", "/", "/"]);
  });

  it("refuses a spec too large for the Deployment's annotation", () => {
    const args = Array.from({ length: 60 }, () => "x".repeat(4000));
    expect(problems({ ...base, args, command: args })).toEqual([
      "the app spec is 470 KiB without secrets; at most 200 KiB fits in the Deployment's annotations — shorten env, command or args",
    ]);
  });

  it("says what a whole non-object body is", () => {
    expect(problems("web")).toEqual(["expected an object"]);
    expect(problems({})).toEqual(["name: required", "image: required"]);
  });
});

describe("redactAppSpec and storedAppSpecSchema", () => {
  it("keeps secret names and drops values, and the result parses as a stored spec", () => {
    const spec = appSpecSchema.parse({ ...base, secretEnv: [{ name: "TOKEN", value: "s3cr3t" }] });
    const stored = redactAppSpec(spec);
    expect(stored.secretEnv).toEqual([{ name: "TOKEN" }]);
    expect(JSON.stringify(stored)).not.toContain("s3cr3t");
    expect(storedAppSpecSchema.parse(JSON.parse(JSON.stringify(stored)))).toEqual(stored);
    expect(storedAppSpecSchema.safeParse({ ...spec }).success).toBe(false);
  });
});

describe("scale and rollback bodies", () => {
  it("validate their single field", () => {
    expect(scaleSchema.parse({ replicas: 0 })).toEqual({ replicas: 0 });
    expect(scaleSchema.safeParse({ replicas: 51 }).success).toBe(false);
    expect(scaleSchema.safeParse({}).error?.issues[0].message).toBe("required");
    expect(rollbackSchema.parse({ revision: 3 })).toEqual({ revision: 3 });
    expect(rollbackSchema.safeParse({ revision: 0 }).error?.issues[0].message).toBe("revisions start at 1");
  });
});

describe("workers (apps without a port)", () => {
  const worker = { name: "jobs", image: "ghcr.io/acme/worker:1" };

  it("accepts an app without a port", () => {
    expect(appSpecSchema.parse(worker).port).toBeUndefined();
  });

  it("refuses hostnames, and health checks that would need the app's port", () => {
    expect(problems({ ...worker, hostnames: [{ host: "jobs.example.com" }] })).toEqual([
      "hostnames: a worker has no port, so it cannot have hostnames — add a port or remove the hostnames",
    ]);
    expect(problems({ ...worker, healthCheck: { path: "/healthz" } })[0]).toMatch(/^healthCheck\.port: a worker has no port, so the HTTP health check needs its own port/);
    expect(problems({ ...worker, probes: { liveness: { type: "tcp" } } })[0]).toMatch(/^probes\.liveness\.port: a worker has no port, so the TCP liveness probe needs its own port/);
    expect(problems({ ...worker, probes: { liveness: { type: "command", command: ["pgrep", "worker"] } } })).toEqual([]);
  });
});

describe("probes", () => {
  it("accepts each type with timings, and refuses what the API server would", () => {
    expect(problems({ ...base, probes: { readiness: { type: "http", path: "/ready", successThreshold: 2 }, liveness: { type: "tcp", port: 5432 }, startup: { type: "command", command: ["true"] } } })).toEqual([]);
    expect(problems({ ...base, probes: { liveness: { type: "tcp", successThreshold: 2 } } })).toEqual([
      "probes.liveness.successThreshold: a liveness probe's successThreshold must be 1 (Kubernetes refuses any other value) — remove it or set 1",
    ]);
    expect(problems({ ...base, probes: { startup: { type: "grpc", port: 9000 } } })[0]).toMatch(/^probes\.startup\.type: expected a probe with type "http"/);
    expect(problems({ ...base, probes: { liveness: { type: "command", command: "pg_isready -U postgres" } } })[0]).toMatch(/^probes\.liveness\.command: expected the command as a list of strings/);
    expect(problems({ ...base, probes: { liveness: { type: "command", command: [] } } })[0]).toMatch(/needs at least the program to run/);
    expect(problems({ ...base, probes: { readiness: { type: "tcp", periodSeconds: 0 } } })).toEqual(["probes.readiness.periodSeconds: periodSeconds must be between 1 and 3600 seconds"]);
    expect(problems({ ...base, healthCheck: { path: "/healthz" }, probes: { readiness: { type: "tcp" } } })).toEqual([
      "probes.readiness: the readiness check is set twice (healthCheck and probes.readiness) — keep one",
    ]);
  });
});

describe("securityContext", () => {
  it("accepts user, group, fsGroup and read-only root, and explains bad ids", () => {
    expect(problems({ ...base, securityContext: { runAsUser: 999, runAsGroup: 999, fsGroup: 999, fsGroupChangePolicy: "Always", readOnlyRootFilesystem: true } })).toEqual([]);
    expect(problems({ ...base, securityContext: { runAsUser: -1 } })).toEqual(["securityContext.runAsUser: a user id must be between 0 and 2147483647 (0 is root)"]);
    expect(problems({ ...base, securityContext: { fsGroup: 2147483648 } })).toEqual(["securityContext.fsGroup: a group id must be between 0 and 2147483647 (0 is root)"]);
    expect(problems({ ...base, securityContext: { fsGroupChangePolicy: "OnRootMismatch" } })[0]).toMatch(/fsGroupChangePolicy applies only with an fsGroup/);
    expect(problems({ ...base, securityContext: { runAsUser: "postgres" } })).toEqual(["securityContext.runAsUser: expected a user id (a whole number, e.g. 1000)"]);
    expect(problems({ ...base, securityContext: { fsgroup: 999 } })[0]).toMatch(/fsgroup/);
  });
});

import { describe, expect, it } from "vitest";
import { emptyAppForm, fromSpec, toSpecInput } from "@/lib/apps/spec-form";
import { appSpecSchema, redactAppSpec } from "@/lib/schemas/app";

describe("the app form's mapping", () => {
  it("turns one-per-line text into the spec the API validates", () => {
    const spec = toSpecInput(
      {
        ...emptyAppForm,
        name: "web",
        image: "nginx:1.27",
        env: "A=1\nB=x=y\n",
        secretEnv: "TOKEN=s3cret",
        hostnames: "blog.example.com\nexample.com/api",
        volumes: "data 1Gi /data",
        healthPath: "/healthz",
        memoryLimit: "256Mi",
      },
      { isEdit: false },
    );
    const parsed = appSpecSchema.parse(spec);
    expect(parsed.env).toEqual([{ name: "A", value: "1" }, { name: "B", value: "x=y" }]);
    expect(parsed.hostnames.map((h) => `${h.host}${h.path}`)).toEqual(["blog.example.com/", "example.com/api"]);
    expect(parsed.volumes[0]).toMatchObject({ name: "data", size: "1Gi", mountPath: "/data", accessMode: "ReadWriteOnce" });
    expect(parsed.resources).toEqual({ limits: { memory: "256Mi" } });
  });

  it("keeps stored secrets on edit when only the name is left, and round-trips a stored spec", () => {
    const stored = redactAppSpec(appSpecSchema.parse({ name: "web", image: "nginx:1.27", port: 8080, secretEnv: [{ name: "TOKEN", value: "x" }], hostnames: [{ host: "a.example.com", path: "/api" }] }));
    const values = fromSpec(stored);
    expect(values.secretEnv).toBe("TOKEN");
    const again = toSpecInput(values, { isEdit: true });
    expect(again.secretEnv).toEqual([{ name: "TOKEN" }]);
    expect(again).toMatchObject({ port: 8080, hostnames: [{ host: "a.example.com", path: "/api" }] });
  });

  it("leaves a non-number port as text so the schema names the field", () => {
    const result = appSpecSchema.safeParse(toSpecInput({ ...emptyAppForm, name: "web", image: "nginx", port: "eighty" }, { isEdit: false }));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].path).toEqual(["port"]);
  });
});

describe("the app form's Advanced section", () => {
  it("sends the user, fsGroup and probes, and round-trips them from a stored spec", () => {
    const advanced = {
      ...emptyAppForm.advanced,
      runAsUser: "999",
      fsGroup: "999",
      readOnlyRootFilesystem: true,
      probes: {
        ...emptyAppForm.advanced.probes,
        liveness: { ...emptyAppForm.advanced.probes.liveness, type: "command" as const, command: "pg_isready\n-U\npostgres\n", periodSeconds: "20" },
        startup: { ...emptyAppForm.advanced.probes.startup, type: "tcp" as const },
      },
    };
    const input = toSpecInput({ ...emptyAppForm, name: "db", image: "postgres:16", port: "5432", advanced }, { isEdit: false });
    const parsed = appSpecSchema.parse(input);
    expect(parsed.securityContext).toEqual({ runAsUser: 999, fsGroup: 999, readOnlyRootFilesystem: true });
    expect(parsed.probes).toEqual({ liveness: { type: "command", command: ["pg_isready", "-U", "postgres"], periodSeconds: 20 }, startup: { type: "tcp" } });
    expect(toSpecInput(fromSpec(redactAppSpec(parsed)), { isEdit: true })).toMatchObject({ securityContext: parsed.securityContext, probes: parsed.probes });
  });

  it("makes a worker from an empty port, and keeps it one on edit", () => {
    const parsed = appSpecSchema.parse(toSpecInput({ ...emptyAppForm, name: "jobs", image: "ghcr.io/acme/worker:1", port: "" }, { isEdit: false }));
    expect(parsed.port).toBeUndefined();
    expect(fromSpec(redactAppSpec(parsed)).port).toBe("");
  });

  it("leaves a non-number fsGroup as text so the schema names the field", () => {
    const advanced = { ...emptyAppForm.advanced, fsGroup: "postgres" };
    const result = appSpecSchema.safeParse(toSpecInput({ ...emptyAppForm, name: "db", image: "postgres:16", advanced }, { isEdit: false }));
    expect(result.error?.issues[0].path).toEqual(["securityContext", "fsGroup"]);
  });
});

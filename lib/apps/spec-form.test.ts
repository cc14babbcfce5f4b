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

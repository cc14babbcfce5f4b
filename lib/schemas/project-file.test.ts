import { describe, expect, it } from "vitest";
import { omittedSecretsOf, projectFileSchema } from "@/lib/schemas/project-file";

const file = (spec: Record<string, unknown>) => ({ apiVersion: "berth.dev/v1", kind: "Project", metadata: { name: "shop" }, spec });
const messages = (input: unknown) => {
  const result = projectFileSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("the project file schema", () => {
  it("takes each resource as its create body and fills what the API defaults", () => {
    const parsed = projectFileSchema.parse(file({ databases: [{ name: "pg", engine: "postgresql" }], apps: [{ name: "web", image: "nginx:1.27", port: 80, links: [{ database: "pg" }] }] }));
    expect(parsed.spec.databases[0]).toEqual({ spec: { name: "pg", engine: "postgresql", version: "17", size: "1Gi", nodePort: false }, credentials: undefined });
    expect(parsed.spec.apps[0]).toMatchObject({ replicas: 1, links: [{ database: "pg", env: "DATABASE_URL", parts: false }] });
    expect(parsed.spec.registries).toEqual([]);
  });

  it("keeps a database's credentials when the file has them, and refuses an empty one", () => {
    const parsed = projectFileSchema.parse(file({ databases: [{ name: "db", engine: "mysql", credentials: { password: "p4ss-word", rootPassword: "r00t-word" } }] }));
    expect(parsed.spec.databases[0].credentials).toEqual({ password: "p4ss-word", rootPassword: "r00t-word" });
    expect(messages(file({ databases: [{ name: "db", engine: "mysql", credentials: { password: "" } }] }))).toEqual([
      "spec.databases.0.credentials.password: the password must not be empty — leave the field out to have one made",
    ]);
  });

  it("refuses what the API would: a name used twice, a link to a database the file lacks, two logins for one registry, a wrong version", () => {
    expect(messages(file({ databases: [{ name: "web", engine: "redis" }], apps: [{ name: "web", image: "nginx", port: 80 }] }))).toEqual([
      "spec.apps.0.name: \"web\" is also spec.databases[0]'s name — apps and databases share the namespace's Services, so each needs its own name",
    ]);
    expect(messages(file({ apps: [{ name: "web", image: "nginx", port: 80, links: [{ database: "pg" }] }] }))).toEqual([
      'spec.apps.0.links.0.database: the file has no database "pg" — add it under spec.databases or remove the link',
    ]);
    expect(messages(file({ registries: [{ server: "ghcr.io", username: "a" }, { server: "GHCR.io", username: "b" }] }))).toEqual(["spec.registries.1.server: ghcr.io is already spec.registries[0] — one login per registry"]);
    expect(messages({ ...file({}), kind: "Deployment" })).toEqual(['kind: expected "Project"']);
    expect(messages(file({ databases: [{ name: "pg", engine: "postgresql", version: "9" }] }))).toEqual(['spec.databases.0.version: postgresql offers version 17 or 16; "9" is not one of them']);
  });

  it("lists the secret values a file exported without them leaves out, and fills them empty", () => {
    const raw = file({ registries: [{ server: "ghcr.io", username: "bot" }], apps: [{ name: "web", image: "nginx", secretEnv: [{ name: "TOKEN" }], files: [{ path: "/etc/web/key", secret: true }, { path: "/etc/web/a.conf", content: "a" }] }] });
    expect(omittedSecretsOf(raw)).toEqual([
      { resource: "app web", what: "secret env TOKEN" },
      { resource: "app web", what: "secret file /etc/web/key" },
      { resource: "registry ghcr.io", what: "password for bot" },
    ]);
    const parsed = projectFileSchema.parse(raw);
    expect(parsed.spec.apps[0].secretEnv).toEqual([{ name: "TOKEN", value: "" }]);
    expect(parsed.spec.apps[0].files[0]).toEqual({ path: "/etc/web/key", content: "", secret: true });
    expect(parsed.spec.registries[0].password).toBeUndefined();
  });
});

import { describe, expect, it } from "vitest";
import * as templates from "@/app/api/templates/route";
import * as install from "@/app/api/projects/[project]/templates/[template]/route";
import { testActing } from "@/server/auth/testing/auth-fixtures";
import { getDb } from "@/server/db/client";
import { createProject } from "@/server/engine/model/create-project";
import { openApiFixture } from "@/server/http/testing/api-fixture";

/** The template routes through the real handlers: the list for viewers, install for admins, strict bodies. */
const api = openApiFixture(async () => void (await createProject(testActing(), { name: "lab" })));
const call = api.call;
const counts = async () => ({ apps: await getDb().app.count(), databases: await getDb().database.count(), operations: await getDb().operation.count() });
const PATH = "/api/projects/lab/templates/n8n-postgresql";
const PARAMS = { project: "lab", template: "n8n-postgresql" };

describe("the template API", () => {
  it("lists the templates to a viewer with their parameters, never a generated value", async () => {
    const list = await call(templates.GET, "/api/templates", { bearer: api.viewer });
    expect(list.status).toBe(200);
    const n8n = list.body.templates.find((t: { id: string }) => t.id === "n8n-postgresql");
    expect(n8n).toMatchObject({ title: "n8n with PostgreSQL", images: ["n8nio/n8n:1.119.1"], engines: ["postgresql"] });
    expect(n8n.parameters.find((p: { name: string }) => p.name === "encryptionKey")).toMatchObject({ type: "secret", generated: true });
    expect(n8n.parameters.find((p: { name: string }) => p.name === "encryptionKey").default).toBeUndefined();
  });

  it("refuses a viewer, unknown body fields and bad parameters with sentences, writing nothing", async () => {
    const before = await counts();
    expect((await call(install.POST, PATH, { method: "POST", params: PARAMS, body: {}, bearer: api.viewer })).status).toBe(403);
    const typo = await call(install.POST, PATH, { method: "POST", params: PARAMS, body: { params: {} } });
    expect(typo.status).toBe(400);
    expect(typo.body.error.message).toContain("params: unknown field");
    const host = await call(install.POST, PATH, { method: "POST", params: PARAMS, body: { parameters: { hostname: "n8n..example.com" } } });
    expect(host.status).toBe(400);
    expect(host.body.error.message).toMatch(/^parameters\.hostname: /);
    const missing = await call(install.POST, "/api/projects/lab/templates/nextcloud", { method: "POST", params: { project: "lab", template: "nextcloud" }, body: {} });
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toContain('There is no template "nextcloud"');
    expect(await counts()).toEqual(before);
  });

  it("installs (201) with the queued operations, then refuses the same names (409)", async () => {
    const created = await call(install.POST, PATH, { method: "POST", params: PARAMS, body: { parameters: { name: "flows" } } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ template: "n8n-postgresql", apps: ["flows"], databases: ["flows-db"] });
    expect(created.body.operations.map((o: { kind: string }) => o.kind)).toEqual(["apply-database", "deploy"]);
    const again = await call(install.POST, PATH, { method: "POST", params: PARAMS, body: { parameters: { name: "flows" } } });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain('already has an app named "flows" and a database named "flows-db"');
  });
});

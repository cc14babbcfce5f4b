import { describe, expect, it } from "vitest";
import * as databases from "@/app/api/projects/[project]/databases/route";
import * as database from "@/app/api/projects/[project]/databases/[database]/route";
import * as password from "@/app/api/projects/[project]/databases/[database]/password/route";
import { testActing } from "@/server/auth/testing/auth-fixtures";
import { getDb } from "@/server/db/client";
import { createProject } from "@/server/engine/model/create-project";
import { openApiFixture } from "@/server/http/testing/api-fixture";

/** The database routes through the real handlers: strict bodies with sentences, roles, audited reveal. */
const api = openApiFixture(async () => {
  await createProject(testActing(), { name: "shop" });
});
const call = api.call;
const counts = async () => ({ databases: await getDb().database.count(), operations: await getDb().operation.count() });

describe("the database API", () => {
  it("refuses unknown fields, unknown engines and versions with a sentence, writing nothing", async () => {
    const before = await counts();
    const typo = await call(databases.POST, "/api/projects/shop/databases", { method: "POST", params: { project: "shop" }, body: { name: "pg", engine: "postgresql", sise: "1Gi" } });
    expect(typo.status).toBe(400);
    expect(typo.body.error.message).toContain("sise: unknown field");
    const engine = await call(databases.POST, "/api/projects/shop/databases", { method: "POST", params: { project: "shop" }, body: { name: "pg", engine: "oracle" } });
    expect(engine.status).toBe(400);
    expect(engine.body.error.message).toContain("expected one of postgresql, mysql, mariadb, redis, valkey, mongodb");
    const version = await call(databases.POST, "/api/projects/shop/databases", { method: "POST", params: { project: "shop" }, body: { name: "pg", engine: "postgresql", version: "9.6" } });
    expect(version.status).toBe(400);
    expect(version.body.error.message).toContain('postgresql offers version 17 or 16; "9.6" is not one of them');
    expect(await counts()).toEqual(before);
  });

  it("creates a database (201), lists it and shows connection info without the password", async () => {
    const created = await call(databases.POST, "/api/projects/shop/databases?wait=true", { method: "POST", params: { project: "shop" }, body: { name: "pg", engine: "postgresql" } });
    expect(created.status).toBe(201);
    expect(created.body.operation.status).toBe("succeeded");
    expect(created.body.database).toMatchObject({ name: "pg", engine: "postgresql", version: "17", size: "1Gi", image: "postgres:17.8", nodePort: false });
    const list = await call(databases.GET, "/api/projects/shop/databases", { params: { project: "shop" }, bearer: api.viewer });
    expect(list.body.databases.map((d: { name: string }) => d.name)).toEqual(["pg"]);
    const detail = await call(database.GET, "/api/projects/shop/databases/pg", { params: { project: "shop", database: "pg" }, bearer: api.viewer });
    expect(detail.status).toBe(200);
    expect(detail.body.connection.url).toBe("postgresql://pg:********@pg.shop.svc.cluster.local:5432/pg");
    expect(JSON.stringify(detail.body)).not.toMatch(/[A-Za-z0-9]{32}/);
  });

  it("reveals the password to admins only, auditing each reveal", async () => {
    const refused = await call(password.GET, "/api/projects/shop/databases/pg/password", { params: { project: "shop", database: "pg" }, bearer: api.viewer });
    expect(refused.status).toBe(403);
    const revealed = await call(password.GET, "/api/projects/shop/databases/pg/password", { params: { project: "shop", database: "pg" } });
    expect(revealed.body.password).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(revealed.body.url).toBe(`postgresql://pg:${revealed.body.password}@pg.shop.svc.cluster.local:5432/pg`);
    const audit = await getDb().auditEvent.findMany({ where: { action: "database.password.reveal" } });
    expect(audit).toHaveLength(1);
    expect(audit[0].detail ?? "").not.toContain(revealed.body.password);
  });

  it("says what a change does, and refuses a smaller volume with a 400", async () => {
    const grow = await call(database.PATCH, "/api/projects/shop/databases/pg", { method: "PATCH", params: { project: "shop", database: "pg" }, body: { nodePort: true } });
    expect(grow.status).toBe(200);
    expect(grow.body.effects[0]).toContain("opens on every node of the cluster");
    const shrink = await call(database.PATCH, "/api/projects/shop/databases/pg", { method: "PATCH", params: { project: "shop", database: "pg" }, body: { size: "100Mi" } });
    expect(shrink.status).toBe(400);
    expect(shrink.body.error.message).toContain("can only grow");
  });

  it("answers 404 with a sentence for a database the project does not have", async () => {
    const missing = await call(database.GET, "/api/projects/shop/databases/nope", { params: { project: "shop", database: "nope" } });
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe('Project "shop" has no database "nope".');
  });

  it("answers a name another resource derives with a 409 naming the conflict", async () => {
    const clash = await call(databases.POST, "/api/projects/shop/databases", { method: "POST", params: { project: "shop" }, body: { name: "pg-headless", engine: "redis" } });
    expect(clash.status).toBe(409);
    expect(clash.body.error.message).toContain('database "pg-headless" would make the Service "pg-headless" (its Service), which is database "pg"\'s headless Service');
  });

  it("says when a database created again reuses the credentials of its kept volume", async () => {
    const before = await call(password.GET, "/api/projects/shop/databases/pg/password", { params: { project: "shop", database: "pg" } });
    const deleted = await call(database.DELETE, "/api/projects/shop/databases/pg?wait=true", { method: "DELETE", params: { project: "shop", database: "pg" } });
    expect(deleted.status).toBe(200);
    const again = await call(databases.POST, "/api/projects/shop/databases?wait=true", { method: "POST", params: { project: "shop" }, body: { name: "pg", engine: "postgresql" } });
    expect(again.status).toBe(201);
    expect(again.body.effects[0]).toContain('Reusing the credentials of the kept volume "data-pg-0"');
    const after = await call(password.GET, "/api/projects/shop/databases/pg/password", { params: { project: "shop", database: "pg" } });
    expect(after.body.password).toBe(before.body.password);
  });
});

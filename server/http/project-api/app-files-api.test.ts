import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as app from "@/app/api/projects/[project]/apps/[app]/route";
import * as files from "@/app/api/projects/[project]/apps/[app]/files/route";
import * as reveal from "@/app/api/projects/[project]/apps/[app]/files/reveal/route";
import { closeTestDb, openTestDb, seedToken, testActing } from "@/server/auth/testing/auth-fixtures";
import { getDb } from "@/server/db/client";
import { createApp } from "@/server/engine/model/create-app";
import { createProject } from "@/server/engine/model/create-project";
import type { RouteHandler } from "@/server/http/with-auth";
import { callRoute, routeRequest } from "@/server/http/testing/route-request";

/** The Files API through the real route handlers: who sees what, what a bad list gets back. */
const TOKEN = "s3cret-file-text";
const PARAMS = { project: "shop", app: "web" };
const PATH = "/api/projects/shop/apps/web/files";
let dataDir: string;
let admin: string;
let viewer: string;

beforeAll(async () => {
  dataDir = await openTestDb();
  admin = (await seedToken({ role: "admin" })).token;
  viewer = (await seedToken({ role: "viewer", userName: "vera" })).token;
  await createProject(testActing(), { name: "shop" });
  await createApp(testActing(), "shop", {
    name: "web",
    image: "nginx:1.27",
    port: 80,
    files: [
      { path: "/etc/web/app.conf", content: "a=1\n" },
      { path: "/etc/web/token", content: TOKEN, secret: true },
    ],
  });
});
afterAll(() => closeTestDb(dataDir));

async function call(handler: RouteHandler, path: string, opts: { method?: string; body?: unknown; bearer?: string } = {}) {
  const res = await callRoute(handler, routeRequest(path, { method: opts.method, body: opts.body, bearer: opts.bearer ?? admin }), PARAMS);
  return { status: res.status, text: await res.text() };
}
const json = (r: { text: string }) => JSON.parse(r.text);

describe("GET/PUT …/files", () => {
  it("shows plain text to a viewer and never a secret file's text", async () => {
    const listed = await call(files.GET, PATH, { bearer: viewer });
    expect(listed.status).toBe(200);
    expect(listed.text).not.toContain(TOKEN);
    expect(json(listed).files).toEqual([
      { path: "/etc/web/app.conf", secret: false, checksum: expect.stringMatching(/^[0-9a-f]{16}$/), content: "a=1\n" },
      { path: "/etc/web/token", secret: true, checksum: expect.stringMatching(/^[0-9a-f]{16}$/), content: null },
    ]);
    expect((await call(app.GET, "/api/projects/shop/apps/web", { bearer: viewer })).text).not.toContain(TOKEN);
  });

  it("reveals secret files to admins only, and audits each reveal with paths, never text", async () => {
    expect((await call(reveal.GET, `${PATH}/reveal`, { bearer: viewer })).status).toBe(403);
    const revealed = await call(reveal.GET, `${PATH}/reveal`);
    expect(json(revealed)).toEqual({ files: [{ path: "/etc/web/token", content: TOKEN }] });
    const audit = await getDb().auditEvent.findFirstOrThrow({ where: { action: "app.secret_files.reveal" } });
    expect(audit.target).toBe("shop/web");
    expect(audit.detail).toContain("/etc/web/token");
    expect(audit.detail).not.toContain(TOKEN);
  });

  it("replaces the list, keeping a secret file's text when it is sent without content", async () => {
    expect((await call(files.PUT, PATH, { method: "PUT", bearer: viewer, body: { files: [] } })).status).toBe(403);
    const put = await call(files.PUT, PATH, { method: "PUT", body: { files: [{ path: "/etc/web/app.conf", content: "a=2\n" }, { path: "/etc/web/token", secret: true }] } });
    expect(put.status).toBe(200);
    expect(json(put).files.map((f: { content: string | null }) => f.content)).toEqual(["a=2\n", null]);
    expect(json(await call(reveal.GET, `${PATH}/reveal`)).files[0].content).toBe(TOKEN);
  });

  it("keeps the files when the app form's PUT leaves them out", async () => {
    const detail = json(await call(app.GET, "/api/projects/shop/apps/web"));
    const { files: stored, ...spec } = detail.spec;
    expect(stored).toHaveLength(2);
    expect((await call(app.PUT, "/api/projects/shop/apps/web", { method: "PUT", body: { ...spec, replicas: 1 } })).status).toBe(200);
    expect(json(await call(files.GET, PATH)).files).toHaveLength(2);
  });

  it.each([
    [{ files: [{ path: "etc/web/x", content: "" }] }, "files.0.path: must be an absolute path"],
    [{ files: [{ path: "/etc/web/x", content: "", mode: "0600" }] }, "files.0.mode: unknown field"],
    [{ files: [{ path: "/etc/web/new-secret", secret: true }] }, "files.0.content: required"],
    [{ files: [{ path: "/a/x", content: "1" }, { path: "/a/x", content: "2" }] }, "is already used by files[0]"],
  ])("answers 400 with a sentence and changes nothing for %j", async (body, sentence) => {
    const before = await getDb().appFile.findMany({ orderBy: { path: "asc" } });
    const res = await call(files.PUT, PATH, { method: "PUT", body });
    expect(res.status).toBe(400);
    expect(json(res).error.message).toContain(sentence);
    expect(await getDb().appFile.findMany({ orderBy: { path: "asc" } })).toEqual(before);
  });

  it("stores a secret file's text sealed, a plain file's as it is", async () => {
    const rows = await getDb().appFile.findMany({ orderBy: { path: "asc" } });
    expect(rows.find((r) => r.secret)?.content).toMatch(/^v1:/);
    expect(rows.find((r) => r.secret)?.content).not.toContain(TOKEN);
    expect(rows.find((r) => !r.secret)?.content).toBe("a=2\n");
  });
});

import { describe, expect, it } from "vitest";
import * as importRoute from "@/app/api/import/route";
import * as exportRoute from "@/app/api/projects/[project]/export/route";
import * as manifestsRoute from "@/app/api/projects/[project]/manifests/route";
import { testActing } from "@/server/auth/testing/auth-fixtures";
import { getDb } from "@/server/db/client";
import { createApp } from "@/server/engine/model/create-app";
import { createProject } from "@/server/engine/model/create-project";
import { openApiFixture } from "@/server/http/testing/api-fixture";
import { callRoute, routeRequest } from "@/server/http/testing/route-request";

/** Export, manifests and import through the real handlers: who may do what, and what the answers say. */
const api = openApiFixture(async () => {
  await createProject(testActing(), { name: "lab", displayName: "Lab" });
  await createApp(testActing(), "lab", { name: "api", image: "nginx:1.27", port: 80, secretEnv: [{ name: "TOKEN", value: "s3cret-token" }] });
});

const download = (handler: typeof exportRoute.GET, path: string, bearer: string) => callRoute(handler, routeRequest(path, { bearer }), { project: "lab" });
const upload = (text: string, bearer: string, query = "", contentType = "application/yaml") =>
  callRoute(importRoute.POST, routeRequest(`/api/import${query}`, { method: "POST", bearer, rawBody: text, headers: { "content-type": contentType } }));

describe("the export and manifests downloads", () => {
  it("give a viewer the file without secret values, as a YAML attachment", async () => {
    const res = await download(exportRoute.GET, "/api/projects/lab/export", api.viewer);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/yaml; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="lab.berth.yaml"');
    expect(res.headers.get("cache-control")).toBe("no-store");
    const text = await res.text();
    expect(text).toContain("- name: TOKEN");
    expect(text).not.toContain("s3cret-token");
    const manifests = await download(manifestsRoute.GET, "/api/projects/lab/manifests", api.viewer);
    expect(manifests.headers.get("content-disposition")).toBe('attachment; filename="lab-manifests.yaml"');
    expect(await manifests.text()).toContain("#   Secret lab/api-env");
  });

  it("refuse secret values to a viewer (403) and give them to an admin", async () => {
    for (const [handler, path] of [[exportRoute.GET, "/api/projects/lab/export?secrets=true"], [manifestsRoute.GET, "/api/projects/lab/manifests?secrets=true"]] as const) {
      const refused = await download(handler, path, api.viewer);
      expect(refused.status).toBe(403);
      expect((await refused.json()).error.message).toContain("This needs the admin role");
      const given = await download(handler, path, api.admin);
      expect(given.status).toBe(200);
      const text = await given.text();
      expect(text.includes("s3cret-token") || text.includes(Buffer.from("s3cret-token").toString("base64"))).toBe(true);
    }
  });

  it("answer 404 for an unknown project and 400 for a bad flag", async () => {
    const missing = await callRoute(exportRoute.GET, routeRequest("/api/projects/nope/export", { bearer: api.admin }), { project: "nope" });
    expect(missing.status).toBe(404);
    const bad = await download(exportRoute.GET, "/api/projects/lab/export?secrets=yes", api.admin);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toContain("expected true or false");
  });
});

describe("POST /api/import", () => {
  it("refuses a api.viewer, writing nothing", async () => {
    const before = await getDb().project.count();
    const text = await (await download(exportRoute.GET, "/api/projects/lab/export", api.admin)).text();
    const res = await upload(text, api.viewer, "?project=lab-copy");
    expect(res.status).toBe(403);
    expect(await getDb().project.count()).toBe(before);
  });

  it("creates the project under another name (201), and answers 409 for a name that exists", async () => {
    const text = await (await download(exportRoute.GET, "/api/projects/lab/export?secrets=true", api.admin)).text();
    const taken = await upload(text, api.admin);
    expect(taken.status).toBe(409);
    expect((await taken.json()).error.message).toBe('A project named "lab" already exists; nothing was imported — import the file under another name.');
    const created = await upload(text, api.admin, "?project=lab-copy");
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ project: "lab-copy", apps: ["api"], deployed: ["api"], toSet: [] });
    expect((await getDb().project.findUniqueOrThrow({ where: { name: "lab-copy" } })).displayName).toBe("Lab");
  });

  it("answers 400 with line and column for a bad file, and 415 for a body that is not YAML", async () => {
    const bad = await upload("apiVersion: berth.dev/v1\nkind: Project\nmetadata:\n  name: Lab Two\n", api.admin);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/Line 4, column 3: metadata\.name: /);
    const json = await upload("{}", api.admin, "", "application/json");
    expect(json.status).toBe(415);
    const badName = await upload("kind: Project", api.admin, "?project=kube-system");
    expect(badName.status).toBe(400);
  });
});

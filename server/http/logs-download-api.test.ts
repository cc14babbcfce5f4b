import { afterAll, beforeAll, expect, test } from "vitest";
import { GET } from "@/app/api/projects/[project]/apps/[app]/logs/download/route";
import { setCluster } from "@/server/kube/cluster";
import { openLogRequestCount } from "@/server/kube/log-stream";
import { callRoute, routeRequest } from "@/server/http/testing/route-request";
import { deployApp, startStreamTestEnv, type StreamTestEnv } from "@/server/ws/testing/stream-test-env";

let env: StreamTestEnv;
let pods: string[];

beforeAll(async () => {
  env = await startStreamTestEnv({ logRate: 50 });
  setCluster({ source: "kubeconfig", origin: "test", kubeConfig: env.kubeConfig, isSimulated: true } as Parameters<typeof setCluster>[0]);
  pods = await deployApp(env, { project: "shop", app: "web", replicas: 2 });
  await new Promise((r) => setTimeout(r, 500));
}, 30_000);
afterAll(() => env?.stop());

const download = (query: string, token = env.viewerToken) =>
  callRoute(GET, routeRequest(`/api/projects/shop/apps/web/logs/download${query}`, { bearer: token }), { project: "shop", app: "web" });

test("a viewer downloads one container's full log, read from the API and not followed", async () => {
  const res = await download(`?pod=${pods[0]}&timestamps=true`);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-disposition")).toBe(`attachment; filename="shop-web-${pods[0]}.log"`);
  const lines = (await res.text()).trimEnd().split("\n");
  expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT\S+Z .*starting nginx:1\.27 \(log line 0\)$/);
  expect(lines.length).toBeGreaterThan(10);
  expect(openLogRequestCount()).toBe(0);
});

test("the whole app's log names each line's pod and container", async () => {
  const text = await (await download("")).text();
  for (const pod of pods) expect(text).toContain(`[${pod}/web] ${pod}: starting`);
});

test("an unknown pod is a 404 with a sentence; a bad parameter a 400", async () => {
  const missing = await download("?pod=nope");
  expect(missing.status).toBe(404);
  expect((await missing.json()).error.message).toBe("Pod nope of web was not found.");
  expect((await download("?tail=5")).status).toBe(400);
});

test("refuses the names the rest of Berth refuses, with a sentence naming the parameter", async () => {
  for (const [project, app, field] of [["shop", "1web", "app"], ["shop", "new", "app"], ["shop", "web-", "app"], ["-shop", "web", "project"]]) {
    const res = await callRoute(GET, routeRequest(`/api/projects/${project}/apps/${app}/logs/download`, { bearer: env.viewerToken }), { project, app });
    expect(res.status, `${project}/${app}`).toBe(400);
    expect((await res.json()).error.message, `${project}/${app}`).toMatch(new RegExp(`\\b${field}: `));
  }
  expect((await download("?container=Web_1")).status).toBe(400);
});

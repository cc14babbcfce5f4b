import { afterEach, describe, expect, it } from "vitest";
import type { SimController } from "@/server/sim/contract";
import { applyDefaults } from "@/server/sim/validate/apply-defaults";
import { R } from "@/server/sim/controllers/resources";
import { startControllers } from "@/server/sim/controllers/start-controllers";
import { createTestStore } from "@/server/sim/controllers/test-store";
import { waitFor } from "@/server/sim/controllers/test-helpers";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const SECRETS = { group: "", version: "v1", plural: "secrets" };
let ctl: SimController | undefined;
afterEach(() => ctl?.stop());

function setup() {
  const store = createTestStore();
  ctl = startControllers(store, { tickMs: 10, secondMs: 100 });
  const pod = (name: string, image: string, pullSecret?: string) =>
    store.create(R.pods, applyDefaults({ apiVersion: "v1", kind: "Pod", metadata: { name, namespace: "default" }, spec: { containers: [{ name: "app", image }], ...(pullSecret ? { imagePullSecrets: [{ name: pullSecret }] } : {}) } }));
  const login = (name: string, key: string, username: string, password: string) => {
    const data = { ".dockerconfigjson": Buffer.from(JSON.stringify({ auths: { [key]: { username, password, auth: Buffer.from(`${username}:${password}`).toString("base64") } } })).toString("base64") };
    const existing = store.get(SECRETS, "default", name);
    const secret = { apiVersion: "v1", kind: "Secret", metadata: { name, namespace: "default" }, type: "kubernetes.io/dockerconfigjson", data };
    return existing ? store.update(SECRETS, { ...existing, data }, { checkResourceVersion: false }) : store.create(SECRETS, secret);
  };
  const waiting = (name: string) => (store.get(R.pods, "default", name)?.status as Obj | undefined)?.containerStatuses?.[0]?.state?.waiting;
  const running = (name: string) => (store.get(R.pods, "default", name)?.status as Obj | undefined)?.containerStatuses?.[0]?.state?.running;
  const failedEvents = (name: string) => store.list(R.events, "default").filter((e) => (e.involvedObject as Obj).name === name && e.reason === "Failed").map((e) => e.message as string);
  return { pod, login, waiting, running, failedEvents };
}

const PRIVATE = "registry.berth.test/team/api:v1";

describe("the simulated private registry", () => {
  it("refuses an anonymous pull with containerd's token error", async () => {
    const { pod, waiting, failedEvents } = setup();
    pod("anon", PRIVATE);
    const w = await waitFor(() => waiting("anon")?.reason === "ErrImagePull" && waiting("anon"), 3000, "ErrImagePull");
    const detail = 'failed to pull and unpack image "registry.berth.test/team/api:v1": failed to resolve reference "registry.berth.test/team/api:v1": failed to authorize: failed to fetch anonymous token: unexpected status from GET request to https://registry.berth.test/token?scope=repository%3Ateam%2Fapi%3Apull&service=registry.berth.test: 401 Unauthorized';
    expect(w.message).toBe(detail);
    expect(failedEvents("anon")).toContain(`Failed to pull image "${PRIVATE}": rpc error: code = Unknown desc = ${detail}`);
  });

  it("refuses a wrong password with the OAuth token error, and pulls at the next retry once the Secret is right", async () => {
    const { pod, login, waiting, running } = setup();
    login("reg", "registry.berth.test", "berth", "wrong");
    pod("wrong", PRIVATE, "reg");
    const w = await waitFor(() => waiting("wrong")?.reason === "ErrImagePull" && waiting("wrong"), 3000, "ErrImagePull");
    expect(w.message).toMatch(/failed to authorize: failed to fetch oauth token: unexpected status from POST request to https:\/\/registry\.berth\.test\/token: 401 Unauthorized$/);
    login("reg", "registry.berth.test", "berth", "berth-demo-pass");
    await waitFor(() => running("wrong"), 5000, "running after the password is fixed");
  });

  it("pulls with a matching login, whichever way the dockerconfigjson key is written", async () => {
    const { pod, login, running } = setup();
    login("reg", "https://registry.berth.test/v1/", "berth", "berth-demo-pass");
    pod("ok", PRIVATE, "reg");
    await waitFor(() => running("ok"), 3000, "running");
  });

  it("answers an unresolvable or silent host with the dial errors", async () => {
    const { pod, waiting } = setup();
    pod("dns", "registry.unreachable.test/app:v1");
    pod("slow", "registry.timeout.test/app:v1");
    const dns = await waitFor(() => waiting("dns")?.reason === "ErrImagePull" && waiting("dns"), 3000, "dns failure");
    expect(dns.message).toMatch(/: failed to do request: Head "https:\/\/registry\.unreachable\.test\/v2\/app\/manifests\/v1": dial tcp: lookup registry\.unreachable\.test on 10\.43\.0\.10:53: no such host$/);
    const slow = await waitFor(() => waiting("slow")?.reason === "ErrImagePull" && waiting("slow"), 3000, "timeout");
    expect(slow.message).toMatch(/dial tcp 203\.0\.113\.7:443: i\/o timeout$/);
  });
});

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findCluster } from "@/server/kube/find-cluster";

function kubeconfig(server: string, context: string): string {
  return [
    "apiVersion: v1",
    "kind: Config",
    `current-context: ${context}`,
    `clusters: [{ name: ${context}, cluster: { server: "${server}" } }]`,
    `users: [{ name: ${context}, user: { token: t } }]`,
    `contexts: [{ name: ${context}, context: { cluster: ${context}, user: ${context} } }]`,
  ].join("\n");
}

function tempHome(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "berth-home-"));
}

describe("findCluster", () => {
  it("reports none when there is no service account, KUBECONFIG or ~/.kube/config", () => {
    expect(findCluster({ HOME: tempHome() }).source).toBe("none");
  });

  it("uses ~/.kube/config when KUBECONFIG is unset", () => {
    const home = tempHome();
    fs.mkdirSync(path.join(home, ".kube"));
    fs.writeFileSync(path.join(home, ".kube", "config"), kubeconfig("https://home.example:6443", "home"));
    const found = findCluster({ HOME: home });
    expect(found.source).toBe("kubeconfig");
    expect(found.kubeConfig?.getCurrentCluster()?.server).toBe("https://home.example:6443");
  });

  it("prefers KUBECONFIG over ~/.kube/config, and the first file's context wins when merging", () => {
    const home = tempHome();
    fs.mkdirSync(path.join(home, ".kube"));
    fs.writeFileSync(path.join(home, ".kube", "config"), kubeconfig("https://home.example:6443", "home"));
    const first = path.join(home, "first.yaml");
    const second = path.join(home, "second.yaml");
    fs.writeFileSync(first, kubeconfig("https://first.example:6443", "first"));
    fs.writeFileSync(second, kubeconfig("https://second.example:6443", "second"));
    const found = findCluster({ HOME: home, KUBECONFIG: `${first}:${second}` });
    expect(found.origin).toBe(`${first}:${second}`);
    expect(found.kubeConfig?.getCurrentContext()).toBe("first");
    expect(found.kubeConfig?.getContexts().map((c) => c.name).sort()).toEqual(["first", "second"]);
  });

  it("skips KUBECONFIG entries that do not exist", () => {
    const home = tempHome();
    expect(findCluster({ HOME: home, KUBECONFIG: path.join(home, "missing.yaml") }).source).toBe("none");
  });
});

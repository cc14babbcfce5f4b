import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadEnv } from "@/server/env";

describe("loadEnv", () => {
  it("applies defaults and resolves the data directory", () => {
    const env = loadEnv({});
    expect(env.BERTH_PORT).toBe(3000);
    expect(env.BERTH_CLUSTER).toBe("auto");
    expect(env.BERTH_TRUST_PROXY).toBe(false);
    expect(env.dataDir).toBe(path.resolve("./data"));
  });

  it("names the variable when a value is invalid", () => {
    expect(() => loadEnv({ BERTH_PORT: "eighty" })).toThrow(/BERTH_PORT/);
    expect(() => loadEnv({ BERTH_CLUSTER: "minikube" })).toThrow(/BERTH_CLUSTER/);
  });

  it("reads BERTH_TRUST_PROXY=1 as true", () => {
    expect(loadEnv({ BERTH_TRUST_PROXY: "1" }).BERTH_TRUST_PROXY).toBe(true);
  });
});

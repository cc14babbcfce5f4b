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

describe("loadEnv and the auth settings", () => {
  it("refuses a session lifetime that is not a positive number of hours", () => {
    expect(() => loadEnv({ BERTH_SESSION_TTL_HOURS: "-1" })).toThrow(/BERTH_SESSION_TTL_HOURS/);
    expect(loadEnv({ BERTH_SESSION_TTL_HOURS: "24" }).BERTH_SESSION_TTL_HOURS).toBe(24);
  });

  it("refuses a malformed BERTH_ADMIN_TOKEN without echoing it", () => {
    let message = "";
    try {
      loadEnv({ BERTH_ADMIN_TOKEN: "hunter2-not-a-token" });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/BERTH_ADMIN_TOKEN/);
    expect(message).not.toContain("hunter2");
  });
});

describe("loadEnv and the secret key", () => {
  it("accepts a 32-byte base64 BERTH_SECRET_KEY and refuses anything else, naming the variable without echoing it", () => {
    const key = Buffer.alloc(32, 7).toString("base64url");
    expect(loadEnv({ BERTH_SECRET_KEY: key }).BERTH_SECRET_KEY).toBe(key);
    expect(() => loadEnv({ BERTH_SECRET_KEY: "swordfish-swordfish" })).toThrow(/BERTH_SECRET_KEY: expected 32 random bytes in base64/);
    expect(() => loadEnv({ BERTH_SECRET_KEY: "swordfish-swordfish" })).not.toThrow(/swordfish/);
  });
});

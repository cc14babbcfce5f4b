import { describe, expect, it } from "vitest";
import { engineLineText } from "@/server/sim/streams/engine-log-lines";

const AT = Date.parse("2026-12-01T20:15:42.123Z");

describe("a database container's log in the sim", () => {
  it("starts as the engine starts, in the engine's own format, with the image's version", () => {
    expect(engineLineText("postgres:17.8", 0, AT, 0)).toBe("2026-12-01 20:15:42.123 UTC [1] LOG:  starting PostgreSQL 17.8 on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit");
    expect(engineLineText("postgres:17.8", 4, AT, 0)).toBe("2026-12-01 20:15:42.123 UTC [1] LOG:  database system is ready to accept connections");
    expect(engineLineText("redis:7.4.1", 3, AT, 0)).toBe("1:M 01 Dec 2026 20:15:42.123 * Ready to accept connections tcp");
    expect(engineLineText("mysql:8.4.3", 3, AT, 0)).toMatch(/^2026-12-01T20:15:42\.123000Z 0 \[System\] \[MY-010931\] \[Server\] \/usr\/sbin\/mysqld: ready for connections\. Version: '8\.4\.3'/);
    expect(JSON.parse(engineLineText("mongo:7.0.15", 3, AT, 0)!)).toMatchObject({ t: { $date: "2026-12-01T20:15:42.123+00:00" }, msg: "Waiting for connections", attr: { port: 27017 } });
  });

  it("then prints the engine's routine lines, and leaves other images to the generic log", () => {
    expect(engineLineText("postgres:16.12", 100, AT, 1)).toMatch(/^2026-12-01 20:15:42\.123 UTC \[1\] LOG:  checkpoint/);
    expect(engineLineText("valkey/valkey:8.0.1", 0, AT, 0)).toContain("# Valkey version=8.0.1");
    expect(engineLineText("nginx:1.27", 0, AT, 0)).toBeUndefined();
  });
});

import { describe, expect, it } from "vitest";
import { checkConfigData } from "@/server/sim/validate/check-config-data";

describe("ConfigMap and Secret data, as the API server checks it", () => {
  it("refuses keys outside [-._a-zA-Z0-9]+ with the real message, naming the key", () => {
    const causes = checkConfigData({ data: { "etc/app.conf": "x", "ok.key_1": "y" } }, "ConfigMap");
    expect(causes).toEqual([{ reason: "FieldValueInvalid", field: "data[etc/app.conf]", message: expect.stringContaining("a valid config key must consist of alphanumeric characters") }]);
    expect(checkConfigData({ data: { "..data": "eA==" } }, "Secret").map((c) => c.message)).toEqual(['Invalid value: "..data": must not start with \'..\'']);
  });

  it("refuses more than 1 MiB of values, counting a Secret's decoded bytes", () => {
    const mib = "x".repeat(1024 * 1024);
    expect(checkConfigData({ data: { a: mib } }, "ConfigMap")).toEqual([]);
    expect(checkConfigData({ data: { a: mib, b: "y" } }, "ConfigMap")).toEqual([{ reason: "FieldValueTooLong", field: "", message: "Too long: must have at most 1048576 bytes" }]);
    const encoded = Buffer.from(mib).toString("base64");
    expect(checkConfigData({ data: { a: encoded } }, "Secret")).toEqual([]);
    expect(checkConfigData({ data: { a: encoded, b: "eQ==" } }, "Secret")[0]?.field).toBe("data");
  });
});

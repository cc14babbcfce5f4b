import { describe, expect, it } from "vitest";
import { parseQuantity, quantity, quantityProblem } from "@/lib/schemas/quantity";

describe("parseQuantity", () => {
  it.each([
    ["100m", 0.1],
    ["0.5", 0.5],
    [".5", 0.5],
    ["2", 2],
    ["128Mi", 128 * 2 ** 20],
    ["1Gi", 2 ** 30],
    ["1G", 1e9],
    ["1k", 1000],
    ["1e3", 1000],
    ["1.5Ki", 1536],
  ])("reads %s as %d", (text, value) => {
    expect(parseQuantity(text)).toBeCloseTo(value, 9);
  });

  it.each(["", "abc", "1 Gi", "1GB", "1gi", "-1", "1.2.3", "Mi"])("refuses %j", (text) => {
    expect(parseQuantity(text)).toBeUndefined();
  });
});

describe("quantityProblem", () => {
  it("accepts usual CPU and memory values", () => {
    for (const cpu of ["100m", "0.5", "1", "2.5"]) expect(quantityProblem(cpu, "cpu")).toBeUndefined();
    for (const mem of ["128Mi", "1Gi", "512M", "1000000", "1e9"]) expect(quantityProblem(mem, "memory")).toBeUndefined();
  });

  it("explains the usual mistakes", () => {
    expect(quantityProblem("1GB", "memory")).toMatch(/unknown unit — use m \(milli\), k, M, G or Ki, Mi, Gi/);
    expect(quantityProblem("128m", "memory")).toMatch(/did you mean 128Mi\?/);
    expect(quantityProblem("-1", "cpu")).toMatch(/must not be negative/);
    expect(quantityProblem("0", "cpu")).toMatch(/greater than zero/);
    expect(quantityProblem("0.0001", "cpu")).toMatch(/at least 1m/);
    expect(quantityProblem("0.5", "memory")).toMatch(/whole number of bytes/);
    expect(quantityProblem(" 1Gi", "storage")).toMatch(/expected a quantity/);
  });

  it("reports through zod", () => {
    expect(quantity("storage").safeParse("10Gi").success).toBe(true);
    expect(quantity("storage").safeParse(10).error?.issues[0].message).toMatch(/expected a quantity string/);
  });
});

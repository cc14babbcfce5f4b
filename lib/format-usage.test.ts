import { describe, expect, it } from "vitest";
import { formatBytes, formatCpu, sparklinePoints } from "@/lib/format-usage";

describe("format-usage", () => {
  it("writes CPU in millicores, and in cores from one core up", () => {
    expect(formatCpu(12.3)).toBe("12m");
    expect(formatCpu(0.3)).toBe("<1m");
    expect(formatCpu(0)).toBe("0m");
    expect(formatCpu(1500)).toBe("1.5 cores");
    expect(formatCpu(2000)).toBe("2 cores");
  });

  it("writes memory in binary units", () => {
    expect(formatBytes(48 * 2 ** 20)).toBe("48 MiB");
    expect(formatBytes(1.5 * 2 ** 30)).toBe("1.5 GiB");
    expect(formatBytes(512)).toBe("512 B");
  });

  it("draws oldest left to newest right, scaled from zero to the peak", () => {
    expect(sparklinePoints([0, 5, 10], 100, 20)).toBe("0,20 50,10 100,0");
    expect(sparklinePoints([4], 100, 20)).toBe("0,0 100,0");
    expect(sparklinePoints([], 100, 20)).toBe("");
  });
});

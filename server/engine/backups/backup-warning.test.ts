import { describe, expect, it } from "vitest";
import { backupWarning } from "@/server/engine/backups/backup-warning";

const DAILY = { schedule: "0 3 * * *", timeZone: "UTC", createdAt: new Date("2026-12-01T00:00:00Z") };

describe("backupWarning", () => {
  it("stays quiet while the last success is within twice the interval", () => {
    expect(backupWarning({ schedule: DAILY, lastSuccessAt: "2026-12-02T03:00:10Z", now: new Date("2026-12-04T02:00:00Z") })).toBeNull();
  });

  it("warns once the last success is older than twice the interval", () => {
    expect(backupWarning({ schedule: DAILY, lastSuccessAt: "2026-12-02T03:00:10Z", now: new Date("2026-12-04T04:00:00Z") })).toBe(
      "The last successful backup is 2 days old, though the schedule runs every 1 day — check the failed runs.",
    );
  });

  it("warns when nothing succeeded one interval after the first due run, not before", () => {
    expect(backupWarning({ schedule: DAILY, lastSuccessAt: null, now: new Date("2026-12-02T02:59:00Z") })).toBeNull();
    expect(backupWarning({ schedule: DAILY, lastSuccessAt: null, now: new Date("2026-12-02T03:01:00Z") })).toMatch(/^No backup has succeeded since the schedule was set 1 day ago/);
  });

  it("has nothing to say without a schedule", () => {
    expect(backupWarning({ schedule: null, lastSuccessAt: null, now: new Date() })).toBeNull();
  });
});

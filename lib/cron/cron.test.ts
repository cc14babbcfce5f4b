import { describe, expect, it } from "vitest";
import { parseSchedule, scheduleProblem } from "@/lib/cron/cron-schedule";
import { previewSchedule } from "@/lib/cron/schedule-preview";
import { timeZoneProblem } from "@/lib/cron/time-zone";

describe("parseSchedule", () => {
  it("accepts five fields with names, lists, ranges and steps, as the CronJob API does", () => {
    for (const schedule of ["0 3 * * *", "*/15 * * * 1-5", "0 0 1,15 JAN-jun ?", "5-10/2 8 * * MON,fri", "0  3 * *  *"]) {
      expect(parseSchedule(schedule), schedule).toMatchObject({ ok: true });
    }
    expect(parseSchedule("0  3 * *  *")).toEqual({ ok: true, fields: "0 3 * * *" });
  });

  it("turns the descriptors into the five fields they stand for", () => {
    expect(parseSchedule("@daily")).toEqual({ ok: true, fields: "0 0 * * *" });
    expect(parseSchedule("@hourly")).toEqual({ ok: true, fields: "0 * * * *" });
    expect(parseSchedule("@weekly")).toEqual({ ok: true, fields: "0 0 * * 0" });
    expect(parseSchedule("@monthly")).toEqual({ ok: true, fields: "0 0 1 * *" });
    expect(parseSchedule("@yearly")).toEqual({ ok: true, fields: "0 0 1 1 *" });
  });

  it("refuses what the API server refuses, saying what to do instead", () => {
    expect(scheduleProblem("0 0 3 * * *")).toMatch(/has five fields .* this one has 6 \(Kubernetes has no seconds field\)/);
    expect(scheduleProblem("CRON_TZ=Europe/Berlin 0 3 * * *")).toMatch(/cannot carry TZ= or CRON_TZ=.*time zone field/);
    expect(scheduleProblem("TZ=UTC 0 3 * * *")).toMatch(/TZ=/);
    expect(scheduleProblem("61 * * * *")).toBe("the minute field takes 0–59, not 61");
    expect(scheduleProblem("0 24 * * *")).toBe("the hour field takes 0–23, not 24");
    expect(scheduleProblem("0 0 0 * *")).toBe("the day of month field takes 1–31, not 0");
    expect(scheduleProblem("0 0 * * MON#2")).toMatch(/"MON#2" in the day of week field is not a number or a name like SUN/);
    expect(scheduleProblem("0 0 L * *")).toMatch(/not a number/);
    expect(scheduleProblem("0 0 * * 5-1")).toMatch(/runs backwards/);
    expect(scheduleProblem("*/0 * * * *")).toMatch(/step "\/0" .* above 0/);
    expect(scheduleProblem("0,,5 * * * *")).toMatch(/empty item/);
    expect(scheduleProblem("@every 1h")).toMatch(/"@every" repeats/);
    expect(scheduleProblem("@reboot")).toMatch(/not a schedule Kubernetes knows/);
    expect(scheduleProblem("")).toMatch(/empty/);
  });
});

describe("timeZoneProblem", () => {
  it("accepts IANA names and refuses the rest with a sentence", () => {
    expect(timeZoneProblem("UTC")).toBeUndefined();
    expect(timeZoneProblem("Europe/Berlin")).toBeUndefined();
    expect(timeZoneProblem("America/Argentina/Buenos_Aires")).toBeUndefined();
    expect(timeZoneProblem("europe/berlin")).toBe('time zone names are case-sensitive — write "Europe/Berlin"');
    expect(timeZoneProblem("Mars/Olympus")).toMatch(/not an IANA time zone/);
    expect(timeZoneProblem("+01:00")).toMatch(/offsets like \+01:00 are not accepted/);
    expect(timeZoneProblem("Local")).toMatch(/cluster's own zone/);
  });
});

describe("previewSchedule", () => {
  const from = new Date("2026-12-01T10:30:00Z");

  it("says the schedule in words and lists the next three runs in the task's zone", () => {
    expect(previewSchedule("0 3 * * *", "UTC", from)).toEqual({
      ok: true,
      description: "At 03:00, every day (UTC)",
      nextRuns: ["2026-12-02T03:00:00.000Z", "2026-12-03T03:00:00.000Z", "2026-12-04T03:00:00.000Z"],
    });
    const berlin = previewSchedule("@daily", "Europe/Berlin", from);
    expect(berlin).toMatchObject({ ok: true, description: "At 00:00, every day (Europe/Berlin)" });
    expect(berlin.ok && berlin.nextRuns[0]).toBe("2026-12-01T23:00:00.000Z");
  });

  it("follows daylight saving time in the zone", () => {
    const runs = previewSchedule("0 12 * * *", "Europe/Berlin", new Date("2026-03-28T00:00:00Z"));
    expect(runs.ok && runs.nextRuns).toEqual(["2026-03-28T11:00:00.000Z", "2026-03-29T10:00:00.000Z", "2026-03-30T10:00:00.000Z"]);
  });

  it("matches either restricted day field, as the CronJob controller does", () => {
    const runs = previewSchedule("0 0 13 * 5", "UTC", new Date("2026-12-01T00:00:00Z"));
    expect(runs.ok && runs.nextRuns).toEqual(["2026-12-04T00:00:00.000Z", "2026-12-11T00:00:00.000Z", "2026-12-13T00:00:00.000Z"]);
  });

  it("reads ? as any value", () => {
    const runs = previewSchedule("0 6 ? * *", "UTC", from);
    expect(runs.ok && runs.nextRuns[0]).toBe("2026-12-02T06:00:00.000Z");
  });

  it("passes the problem through for a bad schedule or zone", () => {
    expect(previewSchedule("0 3 * *", "UTC", from)).toMatchObject({ ok: false, problem: expect.stringMatching(/has 4/) });
    expect(previewSchedule("0 3 * * *", "Nowhere/City", from)).toMatchObject({ ok: false, problem: expect.stringMatching(/IANA/) });
  });
});

/**
 * The allow-list can only shrink: it names recordings that exist, each with a reason, and every
 * recording is replayed by exactly one table. (That an allow-listed case still differs from its
 * recording is checked where it is replayed: runReplayTable fails an allow-listed case that
 * passes.)
 */
import { describe, expect, it } from "vitest";
import { ALLOW_LIST } from "@/server/sim/conformance/replay/allow-list";
import { discoveryTable } from "@/server/sim/conformance/replay/discovery-cases";
import { execTable } from "@/server/sim/conformance/replay/exec-cases";
import { failuresTable } from "@/server/sim/conformance/replay/failures-cases";
import { logsTable } from "@/server/sim/conformance/replay/logs-cases";
import { recordingNames } from "@/server/sim/conformance/replay/recordings";
import { ssaTable } from "@/server/sim/conformance/replay/ssa-cases";
import { periodicBookmarkTable, watchTable } from "@/server/sim/conformance/replay/watch-cases";
import { workloadsTable } from "@/server/sim/conformance/replay/workloads-cases";
import { writesTable } from "@/server/sim/conformance/replay/writes-cases";

const TABLES = [ssaTable, writesTable, watchTable, periodicBookmarkTable, execTable, logsTable, failuresTable, workloadsTable, discoveryTable];

describe("the replay allow-list", () => {
  const recordings = recordingNames();

  it("names only recordings that exist, each with a reason", () => {
    expect(Object.keys(ALLOW_LIST).filter((name) => !recordings.includes(name))).toEqual([]);
    expect(Object.entries(ALLOW_LIST).filter(([, reason]) => reason.trim().length < 10)).toEqual([]);
  });

  it("leaves no recording out of the replay and replays none twice", () => {
    const replayed = TABLES.flatMap((t) => t.cases.map((c) => c.name));
    expect(recordings.filter((name) => !replayed.includes(name))).toEqual([]);
    expect(replayed.filter((name, i) => replayed.indexOf(name) !== i)).toEqual([]);
    expect(replayed.filter((name) => !recordings.includes(name))).toEqual([]);
  });
});

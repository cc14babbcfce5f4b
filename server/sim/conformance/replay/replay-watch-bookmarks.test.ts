import { runReplayTable } from "@/server/sim/conformance/replay/replay-suite";
import { periodicBookmarkTable } from "@/server/sim/conformance/replay/watch-cases";

runReplayTable(periodicBookmarkTable);

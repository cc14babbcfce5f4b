import { runReplayTable } from "@/server/sim/conformance/replay/replay-suite";
import { watchTable } from "@/server/sim/conformance/replay/watch-cases";

runReplayTable(watchTable);

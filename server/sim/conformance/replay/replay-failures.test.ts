import { runReplayTable } from "@/server/sim/conformance/replay/replay-suite";
import { failuresTable } from "@/server/sim/conformance/replay/failures-cases";

runReplayTable(failuresTable);

import { runReplayTable } from "@/server/sim/conformance/replay/replay-suite";
import { writesTable } from "@/server/sim/conformance/replay/writes-cases";

runReplayTable(writesTable);

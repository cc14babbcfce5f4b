import { runReplayTable } from "@/server/sim/conformance/replay/replay-suite";
import { logsTable } from "@/server/sim/conformance/replay/logs-cases";

runReplayTable(logsTable);

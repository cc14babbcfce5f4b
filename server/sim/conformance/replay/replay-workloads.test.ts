import { runReplayTable } from "@/server/sim/conformance/replay/replay-suite";
import { workloadsTable } from "@/server/sim/conformance/replay/workloads-cases";

runReplayTable(workloadsTable);

import { runReplayTable } from "@/server/sim/conformance/replay/replay-suite";
import { execTable } from "@/server/sim/conformance/replay/exec-cases";

runReplayTable(execTable);

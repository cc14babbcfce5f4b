import { runReplayTable } from "@/server/sim/conformance/replay/replay-suite";
import { ssaTable } from "@/server/sim/conformance/replay/ssa-cases";

runReplayTable(ssaTable);

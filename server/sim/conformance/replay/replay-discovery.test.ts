import { runReplayTable } from "@/server/sim/conformance/replay/replay-suite";
import { discoveryTable } from "@/server/sim/conformance/replay/discovery-cases";

runReplayTable(discoveryTable);

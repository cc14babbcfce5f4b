import type { Revision } from "@/lib/dto/app";

/** A deploy's outcome in words, as the Deployments tab and the overview say it. */
export const REVISION_OUTCOME_LABEL: Record<Revision["outcome"], string> = { pending: "In progress", succeeded: "Succeeded", failed: "Failed", superseded: "Superseded" };

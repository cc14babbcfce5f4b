/**
 * A database's health and its one sentence, from its StatefulSet, pod, claim and events — the
 * same explanations as an app's (server/engine/status/explain.ts), in the same order: a claim
 * that does not bind, a pod that cannot be scheduled or pull its image, then a crashing engine
 * (with its last log line when the caller read it), then "not ready yet". Pure.
 */
import type { StatefulSet } from "kubernetes-types/apps/v1";
import type { Event, PersistentVolumeClaim, Pod } from "kubernetes-types/core/v1";
import type { DatabaseStatus } from "@/lib/dto/database";
import { explainApp, explainCrashLoop, isPodReady } from "@/server/engine/status/explain";
import { summarizeEvents, summarizePods, summarizeVolumes } from "@/server/engine/status/summarize-objects";

export interface DatabaseObjects {
  statefulSet?: StatefulSet;
  pods: Pod[];
  pvcs: PersistentVolumeClaim[];
  events: Event[];
  /** The engine's last log line of its previous (crashed) container, when read. */
  lastLogLine?: string;
  now?: Date;
}

/** Events about the database's own objects (they carry no labels; matched by kind and name). */
function ownEvents(input: DatabaseObjects): Event[] {
  const names = new Set([
    ...(input.statefulSet?.metadata?.name ? [`StatefulSet/${input.statefulSet.metadata.name}`] : []),
    ...input.pods.map((p) => `Pod/${p.metadata?.name}`),
    ...input.pvcs.map((p) => `PersistentVolumeClaim/${p.metadata?.name}`),
  ]);
  return input.events.filter((e) => names.has(`${e.involvedObject.kind}/${e.involvedObject.name}`));
}

export function explainDatabase(input: DatabaseObjects): DatabaseStatus {
  const now = input.now ?? new Date();
  const events = ownEvents(input);
  const shown = { pods: summarizePods(input.pods, now), volumes: summarizeVolumes(input.pvcs, events), events: summarizeEvents(events) };
  if (!input.statefulSet) return { health: "Unknown", message: "The database has not reached the cluster yet — its first apply is queued or failed.", ...shown };
  const problem = explainApp({ pods: input.pods, events, pvcs: input.pvcs });
  if (problem) {
    const crashed = explainCrashLoop(input.pods) === problem && input.lastLogLine;
    return { health: "Failed", message: crashed ? `${problem.replace(/ — open the logs to see why it exits\.$/, "")}; its last log line: ${input.lastLogLine}` : problem, ...shown };
  }
  const ready = input.pods.some(isPodReady);
  if (ready) return { health: "Healthy", message: "The database is ready and accepts connections.", ...shown };
  const pending = input.pvcs.find((p) => p.status?.phase !== "Bound");
  if (pending) return { health: "Progressing", message: `Waiting for the volume ${pending.metadata?.name} to be bound.`, ...shown };
  return { health: "Progressing", message: "The database is starting; it is not ready yet (its readiness check has not passed).", ...shown };
}

/**
 * The CronJob controller, after kube-controller-manager's cronjob_controllerv2.go: on each sync
 * it reconciles `status.active` with the Jobs it controls (SawCompletedJob, lastSuccessfulTime),
 * then, unless suspended, starts the most recent missed run — skipped when older than
 * startingDeadlineSeconds, when Forbid finds one active, or after Replace deleted the active ones —
 * as Job `<cronjob>-<scheduled minute since epoch>`, and prunes finished Jobs beyond the history
 * limits. Time is the sim clock (sim-clock.ts): advancing it re-syncs every CronJob at once.
 */
import type { KubeObject, SimController, SimStore } from "@/server/sim/contract";
import { stableStringify } from "@/server/sim/controllers/hash";
import { finishedCondition } from "@/server/sim/controllers/job-conditions";
import { recordEvent } from "@/server/sim/controllers/record-event";
import { R, clone, controllerOf, controllerRef, isControlledBy, keyOf, sameRef, splitKey } from "@/server/sim/controllers/resources";
import { simClock } from "@/server/sim/controllers/sim-clock";
import { createWorkQueue } from "@/server/sim/controllers/work-queue";
import { applyDefaults } from "@/server/sim/validate/apply-defaults";
import { parseSchedule, scheduleError, timeZoneError, type Schedule } from "@/server/sim/validate/cron-schedule";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** More missed runs than this and the controller says so (the real controller's "lots"). */
const MANY_MISSED = 100;

const iso = (t: Date | number) => new Date(t).toISOString().replace(/\.\d+Z$/, "Z");

/** RFC 3339 in the CronJob's zone, as Go's Time.In(loc).Format(time.RFC3339) writes it. */
function rfc3339In(t: Date, timeZone: string | undefined): string {
  if (!timeZone || timeZone === "UTC") return iso(t);
  const parts = Object.fromEntries(new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" }).formatToParts(t).map((p) => [p.type, p.value]));
  const local = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
  const offsetMin = Math.round((local - Math.floor(t.getTime() / 1000) * 1000) / 60_000);
  if (offsetMin === 0) return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}Z`;
  const sign = offsetMin < 0 ? "-" : "+";
  const abs = Math.abs(offsetMin);
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

/** The most recent run due by `now` and whether more than 100 were missed (mostRecentScheduleTime). */
function mostRecentRun(cj: KubeObject, schedule: Schedule, now: number): { time?: Date; many: boolean } {
  const status = (cj.status ?? {}) as Obj;
  const spec = cj.spec as Obj;
  let earliest = Date.parse(status.lastScheduleTime ?? cj.metadata.creationTimestamp ?? iso(now));
  if (spec.startingDeadlineSeconds !== undefined && spec.startingDeadlineSeconds !== null) earliest = Math.max(earliest, now - spec.startingDeadlineSeconds * 1000);
  let latest: Date | undefined;
  let count = 0;
  for (let t = schedule.next(new Date(earliest)); t && t.getTime() <= now; t = schedule.next(t)) {
    latest = t;
    // Past "lots" the real controller stops listing runs; only the most recent one matters.
    if (++count > MANY_MISSED) return { time: schedule.latestBy(new Date(now)) ?? t, many: true };
  }
  return { time: latest, many: false };
}

export function startCronJobController(store: SimStore): SimController {
  const timers = new Map<string, NodeJS.Timeout>();

  function requeueAt(key: string, at: Date | undefined): void {
    clearTimeout(timers.get(key));
    timers.delete(key);
    if (!at) return;
    // Wall-clock delay to the run's time on the sim clock; a later advance re-syncs anyway.
    const t = setTimeout(() => {
      timers.delete(key);
      queue.add(key);
    }, Math.min(2 ** 31 - 1, Math.max(0, at.getTime() - simClock.now())));
    timers.set(key, t);
  }

  function deleteJob(cj: KubeObject, job: KubeObject): void {
    try {
      store.delete(R.jobs, job.metadata.namespace, job.metadata.name, { propagationPolicy: "Background" });
      recordEvent(store, cj, "Normal", "SuccessfulDelete", `Deleted job ${job.metadata.name}`, "cronjob-controller");
    } catch (err) {
      recordEvent(store, cj, "Warning", "FailedDelete", `Deleted job: ${(err as Error).message}`, "cronjob-controller");
    }
  }

  /** Deletes the oldest finished Jobs beyond each history limit (cleanupFinishedJobs). */
  function pruneHistory(cj: KubeObject, jobs: KubeObject[]): void {
    const spec = cj.spec as Obj;
    const started = (j: KubeObject) => ((j.status as Obj | undefined)?.startTime ? Date.parse((j.status as Obj).startTime) : Infinity);
    for (const [type, limit] of [["Complete", spec.successfulJobsHistoryLimit], ["Failed", spec.failedJobsHistoryLimit]] as const) {
      if (limit === undefined || limit === null) continue;
      const finished = jobs.filter((j) => finishedCondition(j) === type).sort((a, b) => started(a) - started(b) || a.metadata.name.localeCompare(b.metadata.name));
      for (const j of finished.slice(0, Math.max(0, finished.length - limit))) deleteJob(cj, j);
    }
  }

  function sync(key: string): void {
    const { namespace, name } = splitKey(key);
    const cj = store.get(R.cronjobs, namespace, name);
    if (!cj) return requeueAt(key, undefined);
    const spec = cj.spec as Obj;
    const status: Obj = clone(cj.status ?? {});
    const active: Obj[] = status.active ?? [];
    const jobs = store.list(R.jobs, namespace).filter((j) => isControlledBy(j, cj));
    const now = simClock.now();

    for (const j of jobs) {
      const found = active.some((a) => a.uid === j.metadata.uid);
      const finished = finishedCondition(j);
      if (!found && !finished) {
        // A Job it controls but did not start, e.g. `kubectl create job --from=cronjob/…`.
        recordEvent(store, cj, "Warning", "UnexpectedJob", `Saw a job that the controller did not create or forgot: ${j.metadata.name}`, "cronjob-controller");
      } else if (found && finished) {
        active.splice(active.findIndex((a) => a.uid === j.metadata.uid), 1);
        recordEvent(store, cj, "Normal", "SawCompletedJob", `Saw completed job: ${j.metadata.name}, status: ${finished}`, "cronjob-controller");
      }
      const completion = (j.status as Obj | undefined)?.completionTime as string | undefined;
      if (finished === "Complete" && completion && (!status.lastSuccessfulTime || Date.parse(completion) > Date.parse(status.lastSuccessfulTime))) status.lastSuccessfulTime = completion;
    }
    for (const a of [...active]) {
      if (jobs.some((j) => j.metadata.uid === a.uid)) continue;
      active.splice(active.indexOf(a), 1);
      recordEvent(store, cj, "Normal", "MissingJob", `Active job went missing: ${a.name}`, "cronjob-controller");
    }

    const next = cj.metadata.deletionTimestamp ? undefined : schedule(cj, spec, status, active, now);
    if (active.length) status.active = active;
    else delete status.active;
    writeStatus(cj, status);
    pruneHistory(cj, store.list(R.jobs, namespace).filter((j) => isControlledBy(j, cj)));
    requeueAt(key, next);
  }

  /** Starts the due run if it may; returns when to look again. */
  function schedule(cj: KubeObject, spec: Obj, status: Obj, active: Obj[], now: number): Date | undefined {
    if (spec.timeZone !== undefined && spec.timeZone !== null) {
      const err = timeZoneError(spec.timeZone);
      if (err) {
        recordEvent(store, cj, "Warning", "UnknownTimeZone", `invalid timeZone: "${spec.timeZone}": ${err}`, "cronjob-controller");
        return undefined;
      }
    }
    if (spec.suspend) return undefined;
    const parseErr = scheduleError(spec.schedule ?? "");
    if (parseErr) {
      recordEvent(store, cj, "Warning", "UnparseableSchedule", `unparseable schedule: "${spec.schedule}" : ${parseErr}`, "cronjob-controller");
      return undefined;
    }
    const sched = parseSchedule(spec.schedule, spec.timeZone);
    const nextRun = () => sched.next(new Date(now));
    const { time, many } = mostRecentRun({ ...cj, status }, sched, now);
    if (!time) return nextRun();
    if (many) recordEvent(store, cj, "Warning", "TooManyMissedTimes", "too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew", "cronjob-controller");
    const deadline = spec.startingDeadlineSeconds;
    if (deadline !== undefined && deadline !== null && time.getTime() + deadline * 1000 < now) {
      recordEvent(store, cj, "Warning", "MissSchedule", `Missed scheduled time to start a job: ${rfc1123z(time)}`, "cronjob-controller");
      return nextRun();
    }
    const jobName = `${cj.metadata.name}-${Math.floor(time.getTime() / 60_000)}`;
    if (active.some((a) => a.name === jobName) || (status.lastScheduleTime && Date.parse(status.lastScheduleTime) === time.getTime())) return nextRun();
    if (spec.concurrencyPolicy === "Forbid" && active.length > 0) {
      recordEvent(store, cj, "Normal", "JobAlreadyActive", "Not starting job because prior execution is running and concurrency policy is Forbid", "cronjob-controller");
      return nextRun();
    }
    if (spec.concurrencyPolicy === "Replace") {
      for (const a of [...active]) {
        const job = store.get(R.jobs, a.namespace, a.name);
        if (job) deleteJob(cj, job);
        active.splice(active.indexOf(a), 1);
      }
    }
    let job: KubeObject;
    try {
      job = store.create(R.jobs, jobFromTemplate(cj, jobName, time));
      recordEvent(store, cj, "Normal", "SuccessfulCreate", `Created job ${job.metadata.name}`, "cronjob-controller");
    } catch (err) {
      const existing = store.get(R.jobs, cj.metadata.namespace, jobName);
      if (!existing) {
        recordEvent(store, cj, "Warning", "FailedCreate", `Error creating job: ${(err as Error).message}`, "cronjob-controller");
        return nextRun();
      }
      // Someone else made it: only adopt it if it is ours, as the real controller does.
      if (!isControlledBy(existing, cj) || active.some((a) => a.uid === existing.metadata.uid)) return nextRun();
      job = existing;
    }
    active.push({ kind: "Job", namespace: job.metadata.namespace, name: job.metadata.name, uid: job.metadata.uid, apiVersion: "batch/v1", resourceVersion: job.metadata.resourceVersion });
    status.lastScheduleTime = iso(time);
    return nextRun();
  }

  function jobFromTemplate(cj: KubeObject, name: string, scheduled: Date): KubeObject {
    const template = clone(((cj.spec as Obj).jobTemplate ?? {}) as Obj);
    return applyDefaults({
      apiVersion: "batch/v1",
      kind: "Job",
      metadata: {
        name,
        namespace: cj.metadata.namespace,
        labels: { ...(template.metadata?.labels ?? {}) },
        annotations: { ...(template.metadata?.annotations ?? {}), "batch.kubernetes.io/cronjob-scheduled-timestamp": rfc3339In(scheduled, (cj.spec as Obj).timeZone) },
        ownerReferences: [controllerRef(cj)],
      },
      spec: template.spec ?? {},
    });
  }

  function writeStatus(cj: KubeObject, status: Obj): void {
    const fresh = store.get(R.cronjobs, cj.metadata.namespace, cj.metadata.name);
    if (fresh && stableStringify(fresh.status ?? {}) !== stableStringify(status)) store.update(R.cronjobs, { ...fresh, status }, { checkResourceVersion: false });
  }

  const queue = createWorkQueue("cronjob", sync);
  let unsubscribe: (() => void) | undefined;
  let unwatchClock: (() => void) | undefined;
  return {
    start() {
      unsubscribe = store.subscribe((e) => {
        if (sameRef(e.resource, R.cronjobs)) {
          if (e.type === "DELETED") requeueAt(keyOf(e.object), undefined);
          else queue.add(keyOf(e.object));
        } else if (sameRef(e.resource, R.jobs)) {
          const owner = controllerOf(e.object);
          if (owner?.kind === "CronJob") queue.add(`${e.object.metadata.namespace}/${owner.name}`);
        }
      });
      unwatchClock = simClock.onChange(() => {
        for (const cj of store.list(R.cronjobs)) queue.add(keyOf(cj));
      });
      for (const cj of store.list(R.cronjobs)) queue.add(keyOf(cj));
    },
    stop() {
      unsubscribe?.();
      unwatchClock?.();
      queue.stop();
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
    },
  };
}

/** Go's time.RFC1123Z in UTC: "Mon, 02 Jan 2006 15:04:05 +0000". */
function rfc1123z(t: Date): string {
  return t.toUTCString().replace("GMT", "+0000");
}

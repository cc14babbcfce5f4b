/**
 * kube-apiserver's CronJob rules (pkg/apis/batch/validation): a name short enough to leave room
 * for the 11-character Job suffix, a schedule robfig/cron parses and that carries no TZ/CRON_TZ
 * (refused on create since v1.25: the timeZone field says it), an IANA timeZone, a known
 * concurrencyPolicy and non-negative counts. The sentences are the real server's.
 */
import { invalid, required, type Cause } from "@/server/sim/validate/causes";
import { scheduleError, timeZoneError } from "@/server/sim/validate/cron-schedule";

type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const POLICIES = ["Allow", "Forbid", "Replace"];

/** A Job's pods end: restartPolicy Always (the pod default) is refused, in either kind. */
export function checkJobRestartPolicy(podSpec: Any, path: string): Cause[] {
  const policy = podSpec?.restartPolicy;
  if (policy === "OnFailure" || policy === "Never") return [];
  return [{ reason: "FieldValueNotSupported", field: `${path}.restartPolicy`, message: `Unsupported value: ${JSON.stringify(policy ?? "")}: supported values: "OnFailure", "Never"` }];
}

export function checkCronJob(obj: Any): Cause[] {
  const causes: Cause[] = [];
  const spec = obj.spec ?? {};
  const name = obj.metadata?.name;
  if (typeof name === "string" && name.length > 52) causes.push(invalid("metadata.name", name, "must be no more than 52 characters"));
  const schedule = spec.schedule;
  if (typeof schedule !== "string" || schedule === "") causes.push(required("spec.schedule"));
  else {
    const err = scheduleError(schedule);
    if (err) causes.push(invalid("spec.schedule", schedule, err));
    if (schedule.includes("TZ")) causes.push(invalid("spec.schedule", schedule, "cannot use TZ or CRON_TZ in schedule, use timeZone field instead"));
  }
  const zone = spec.timeZone;
  if (typeof zone === "string") {
    if (zone === "") causes.push(invalid("spec.timeZone", zone, "timeZone must be nil or non-empty string"));
    else if (zone.toLowerCase() === "local") causes.push(invalid("spec.timeZone", zone, "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones"));
    else {
      const err = timeZoneError(zone);
      if (err) causes.push(invalid("spec.timeZone", zone, err));
    }
  }
  if (spec.concurrencyPolicy !== undefined && !POLICIES.includes(spec.concurrencyPolicy)) {
    causes.push({ reason: "FieldValueNotSupported", field: "spec.concurrencyPolicy", message: `Unsupported value: ${JSON.stringify(spec.concurrencyPolicy)}: supported values: ${POLICIES.map((p) => JSON.stringify(p)).join(", ")}` });
  }
  for (const field of ["startingDeadlineSeconds", "successfulJobsHistoryLimit", "failedJobsHistoryLimit"]) {
    if (typeof spec[field] === "number" && spec[field] < 0) causes.push(invalid(`spec.${field}`, spec[field], "must be greater than or equal to 0"));
  }
  if (spec.jobTemplate?.spec?.template?.spec) causes.push(...checkJobRestartPolicy(spec.jobTemplate.spec.template.spec, "spec.jobTemplate.spec.template.spec"));
  return causes;
}

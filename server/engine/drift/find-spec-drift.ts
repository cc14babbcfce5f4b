/**
 * Spec drift: the live Deployment differs from what Berth applied on a field the app's spec
 * models — replicas, image, plain env, resources — because something outside Berth (`kubectl
 * scale`, `kubectl set image`, `kubectl edit`) changed it. Pure. What Berth applied is read from
 * the Deployment's own `berth.dev/spec` annotation, written by the same server-side apply as the
 * fields: a spec edited in Berth but not yet deployed is a pending change, not drift, and the
 * comparison needs nothing but the informer's cached object (which has no managedFields; the
 * managers are named separately, see drift-managers.ts).
 */
import type { Deployment } from "kubernetes-types/apps/v1";
import type { Container } from "kubernetes-types/core/v1";
import type { EnvVar, ResourcesSpec, StoredAppSpec } from "@/lib/schemas/app";
import type { ModelledField } from "@/lib/schemas/drift";
import { linkVariables } from "@/lib/schemas/database-link";
import { parseQuantity } from "@/lib/schemas/quantity";
import { decodeSpecAnnotation } from "@/server/engine/render/spec-annotation";


/** The live values of the modelled fields, as the spec would hold them (what Adopt writes). */
export interface LiveValues {
  replicas: number;
  image: string;
  env: EnvVar[];
  resources: ResourcesSpec | undefined;
}

/** One modelled field that differs, with both sides as a person reads them. */
export interface FieldDrift {
  field: ModelledField;
  berth: string;
  live: string;
  /**
   * A value Berth sets differs live, so Berth's next plain apply meets another manager's value
   * and fails. Not so for what others only added where the spec sets nothing.
   */
  isConflict: boolean;
}

export interface SpecDrift {
  /** The app's container (named as the app). */
  container: string;
  fields: FieldDrift[];
  live: LiveValues;
}

type Slots = Partial<Record<"requests" | "limits", Partial<Record<"cpu" | "memory", string>>>>;

const memo = new WeakMap<Deployment, SpecDrift | null>();

/**
 * The modelled fields of `deployment` that differ from its `berth.dev/spec`; undefined when none
 * do, or when the Deployment carries no readable spec (not Berth's, or hand-edited beyond use).
 * Memoized per object: informer caches replace an object on every change.
 */
export function findSpecDrift(deployment: Deployment | undefined): SpecDrift | undefined {
  if (!deployment) return undefined;
  let found = memo.get(deployment);
  if (found === undefined) memo.set(deployment, (found = compareWithAnnotation(deployment) ?? null));
  return found ?? undefined;
}

/** The live replica count when it is not what Berth applied (`kubectl scale`), else undefined. */
export function driftedReplicas(deployment: Deployment | undefined): number | undefined {
  return findSpecDrift(deployment)?.fields.some((f) => f.field === "replicas") ? (deployment?.spec?.replicas ?? 1) : undefined;
}

function compareWithAnnotation(deployment: Deployment): SpecDrift | undefined {
  const decoded = decodeSpecAnnotation(deployment);
  if (!decoded.ok) return undefined;
  const applied = decoded.spec;
  const container = deployment.spec?.template?.spec?.containers?.find((c) => c.name === applied.name);
  if (!container) return undefined;
  const live: LiveValues = {
    replicas: deployment.spec?.replicas ?? 1,
    image: container.image ?? "",
    env: plainEnvOf(container, applied),
    resources: resourcesOf(container),
  };
  const fields: FieldDrift[] = [];
  if (live.replicas !== applied.replicas) fields.push({ field: "replicas", berth: String(applied.replicas), live: String(live.replicas), isConflict: true });
  if (live.image !== applied.image) fields.push({ field: "image", berth: applied.image, live: live.image, isConflict: true });
  const env = envDifference(applied.env, live.env);
  if (env) fields.push({ field: "env", ...env });
  const resources = resourcesDifference(applied.resources ?? {}, live.resources ?? {});
  if (resources) fields.push({ field: "resources", ...resources });
  return fields.length > 0 ? { container: container.name, fields, live } : undefined;
}

/**
 * The container's literal env entries, leaving out the names Berth renders as references
 * (secret env, database links): those are not plain env, whatever their live form.
 */
function plainEnvOf(container: Container, applied: StoredAppSpec): EnvVar[] {
  const referenced = new Set([...applied.secretEnv.map((v) => v.name), ...(applied.links ?? []).flatMap((l) => linkVariables(l).map((v) => v.name))]);
  return (container.env ?? []).filter((e) => !e.valueFrom && !referenced.has(e.name)).map((e) => ({ name: e.name, value: e.value ?? "" }));
}

/** Names whose value differs, was added or was removed, e.g. berth `LOG=info`, live `LOG=debug, DEBUG=1`. */
function envDifference(applied: EnvVar[], live: EnvVar[]): Omit<FieldDrift, "field"> | undefined {
  const before = new Map(applied.map((v) => [v.name, v.value]));
  const after = new Map(live.map((v) => [v.name, v.value]));
  const names = [...new Set([...before.keys(), ...after.keys()])].filter((n) => before.get(n) !== after.get(n));
  if (names.length === 0) return undefined;
  const side = (values: Map<string, string>) => names.map((n) => (values.has(n) ? `${n}=${values.get(n)}` : `${n} unset`)).join(", ");
  return { berth: side(before), live: side(after), isConflict: names.some((n) => before.has(n) && after.has(n)) };
}

/** CPU and memory requests and limits (the only resources the spec models). */
function resourcesOf(container: Container): ResourcesSpec | undefined {
  const pick = (list?: Record<string, string | number>) => {
    const out: Partial<Record<"cpu" | "memory", string>> = {};
    for (const key of ["cpu", "memory"] as const) if (list?.[key] !== undefined) out[key] = String(list[key]);
    return Object.keys(out).length > 0 ? out : undefined;
  };
  const requests = pick(container.resources?.requests);
  const limits = pick(container.resources?.limits);
  return requests || limits ? { ...(requests ? { requests } : {}), ...(limits ? { limits } : {}) } : undefined;
}

/** Each slot that differs (as quantities: `0.5` and `500m` are one value), e.g. `cpu limit 500m`. */
function resourcesDifference(applied: Slots, live: Slots): Omit<FieldDrift, "field"> | undefined {
  const slots = (["requests", "limits"] as const).flatMap((list) => (["cpu", "memory"] as const).map((key) => ({ list, key })));
  const differing = slots.filter(({ list, key }) => !sameQuantity(applied[list]?.[key], live[list]?.[key]));
  if (differing.length === 0) return undefined;
  const side = (values: Slots) => differing.map(({ list, key }) => `${key} ${list === "requests" ? "request" : "limit"} ${values[list]?.[key] ?? "unset"}`).join(", ");
  const isConflict = differing.some(({ list, key }) => applied[list]?.[key] !== undefined && live[list]?.[key] !== undefined);
  return { berth: side(applied), live: side(live), isConflict };
}

function sameQuantity(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  const x = parseQuantity(a);
  const y = parseQuantity(b);
  return x !== undefined && y !== undefined ? Math.abs(x - y) < 1e-9 : a === b;
}

import { z } from "zod";

/**
 * What the status page shows about one app, assembled on the server from the shared informers'
 * caches. Never a raw Kubernetes object: only the fields a person reads. Declared as zod schemas
 * so the OpenAPI document describes exactly these shapes; the types come from them.
 */

/**
 * - Healthy: every desired replica runs the current spec and is available.
 * - Progressing: a rollout is under way and nothing says it is stuck.
 * - Degraded: some replicas serve, but others fail (or fewer than desired are available).
 * - Failed: nothing serves and something blocks it, or the rollout passed its deadline.
 * - Stopped: 0 replicas desired (or never deployed).
 */
export const appHealthSchema = z.enum(["Healthy", "Progressing", "Degraded", "Failed", "Stopped"]);
export type AppHealth = z.infer<typeof appHealthSchema>;

export const replicaCountsSchema = z.object({ desired: z.number(), updated: z.number(), ready: z.number(), available: z.number() });
export type ReplicaCounts = z.infer<typeof replicaCountsSchema>;

export const podSummarySchema = z.object({
  name: z.string(),
  /** Pending, Running, Succeeded, Failed, Unknown; "Terminating" while being deleted. */
  phase: z.string(),
  ready: z.boolean(),
  restarts: z.number(),
  /** Why the pod is not running normally (e.g. ImagePullBackOff, CrashLoopBackOff), if it is not. */
  reason: z.string().nullable(),
  /** The detail that goes with `reason`, as the kubelet or scheduler wrote it. */
  message: z.string().nullable(),
  /** Compact age as kubectl prints it, e.g. "45s", "3m12s", "2h5m", "4d". */
  age: z.string(),
  createdAt: z.string().nullable(),
  node: z.string().nullable(),
  /** The image the pod runs (its first container). */
  image: z.string().nullable(),
});
export type PodSummary = z.infer<typeof podSummarySchema>;

export const eventSummarySchema = z.object({
  type: z.enum(["Normal", "Warning"]),
  reason: z.string(),
  message: z.string(),
  /** The object it is about, e.g. "Pod/web-7d9c-abcde". */
  object: z.string(),
  /** How many times it happened (repeats are folded into one entry). */
  count: z.number(),
  lastSeen: z.string().nullable(),
});
export type EventSummary = z.infer<typeof eventSummarySchema>;

export const volumeStatusSchema = z.object({
  /** The PersistentVolumeClaim's name. */
  name: z.string(),
  /** Pending, Bound, Lost, Terminating, or Missing when the claim does not exist (yet). */
  phase: z.string(),
  capacity: z.string().nullable(),
  accessModes: z.array(z.string()),
  storageClass: z.string().nullable(),
  /** Why it is not Bound, when that is known (the provisioner's or binder's own words). */
  note: z.string().nullable(),
});
export type VolumeStatus = z.infer<typeof volumeStatusSchema>;

/** One field the spec models whose live value is not what Berth applied. */
export const specFieldDriftSchema = z.object({
  field: z.enum(["replicas", "image", "env", "resources"]),
  /** What Berth applied, as a person reads it: "1", "nginx:1.27", "LOG=info", "cpu limit 500m". */
  berth: z.string(),
  /** What the cluster has now, in the same words. */
  live: z.string(),
  /** Who changed it, from managedFields: "kubectl scale", "kubectl edit", "kubectl set"… (empty when unknown). */
  changedBy: z.array(z.string()),
});
export type SpecFieldDrift = z.infer<typeof specFieldDriftSchema>;

/**
 * The app was changed outside Berth on fields its spec models. Re-apply restores Berth's values;
 * Adopt takes the live values into the spec. Until one of them, a deploy that sets a different
 * value fails on the field-manager conflict.
 */
export const appDriftNoticeSchema = z.object({
  /** "Changed outside Berth by kubectl scale: replicas is 2, Berth's spec says 1." */
  sentence: z.string(),
  fields: z.array(specFieldDriftSchema),
});
export type AppDriftNotice = z.infer<typeof appDriftNoticeSchema>;

export const appStatusSchema = z.object({
  project: z.string(),
  app: z.string(),
  health: appHealthSchema,
  /** One sentence saying what is wrong and what to do; absent when nothing needs doing. */
  explanation: z.string().optional(),
  replicas: replicaCountsSchema,
  pods: z.array(podSummarySchema),
  /** Recent events, newest first, repeats folded. */
  events: z.array(eventSummarySchema),
  volumes: z.array(volumeStatusSchema),
  /** Where the app is reachable, from its Ingress rules (e.g. "https://blog.example.com/"). */
  urls: z.array(z.string()),
  /** The Ingress controller's address (IP or hostname) once it has one. */
  ingressAddress: z.string().nullable(),
  /** When this status was computed (ISO 8601). */
  observedAt: z.string(),
  /** Present when the Deployment was changed outside Berth on a field the spec models. */
  drift: appDriftNoticeSchema.optional(),
});
export type AppStatus = z.infer<typeof appStatusSchema>;

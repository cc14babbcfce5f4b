/**
 * What the status page shows about one app, assembled on the server from the shared informers'
 * caches. Never a raw Kubernetes object: only the fields a person reads.
 */

/**
 * - Healthy: every desired replica runs the current spec and is available.
 * - Progressing: a rollout is under way and nothing says it is stuck.
 * - Degraded: some replicas serve, but others fail (or fewer than desired are available).
 * - Failed: nothing serves and something blocks it, or the rollout passed its deadline.
 * - Stopped: 0 replicas desired (or never deployed).
 */
export type AppHealth = "Healthy" | "Progressing" | "Degraded" | "Failed" | "Stopped";

export const APP_HEALTHS: readonly AppHealth[] = ["Healthy", "Progressing", "Degraded", "Failed", "Stopped"];

export type ReplicaCounts = { desired: number; updated: number; ready: number; available: number };

export type PodSummary = {
  name: string;
  /** Pending, Running, Succeeded, Failed, Unknown; "Terminating" while being deleted. */
  phase: string;
  ready: boolean;
  restarts: number;
  /** Why the pod is not running normally (e.g. ImagePullBackOff, CrashLoopBackOff), if it is not. */
  reason: string | null;
  /** The detail that goes with `reason`, as the kubelet or scheduler wrote it. */
  message: string | null;
  /** Compact age as kubectl prints it, e.g. "45s", "3m12s", "2h5m", "4d". */
  age: string;
  createdAt: string | null;
  node: string | null;
  /** The image the pod runs (its first container). */
  image: string | null;
};

export type EventSummary = {
  type: "Normal" | "Warning";
  reason: string;
  message: string;
  /** The object it is about, e.g. "Pod/web-7d9c-abcde". */
  object: string;
  /** How many times it happened (repeats are folded into one entry). */
  count: number;
  lastSeen: string | null;
};

export type VolumeStatus = {
  /** The PersistentVolumeClaim's name. */
  name: string;
  /** Pending, Bound, Lost, or Missing when the claim does not exist (yet). */
  phase: string;
  capacity: string | null;
  accessModes: string[];
  storageClass: string | null;
  /** Why it is not Bound, when that is known (the provisioner's or binder's own words). */
  note: string | null;
};

export type AppStatus = {
  project: string;
  app: string;
  health: AppHealth;
  /** One sentence saying what is wrong and what to do; absent when nothing needs doing. */
  explanation?: string;
  replicas: ReplicaCounts;
  pods: PodSummary[];
  /** Recent events, newest first, repeats folded. */
  events: EventSummary[];
  volumes: VolumeStatus[];
  /** Where the app is reachable, from its Ingress rules (e.g. "https://blog.example.com/"). */
  urls: string[];
  /** The Ingress controller's address (IP or hostname) once it has one. */
  ingressAddress: string | null;
  /** When this status was computed (ISO 8601). */
  observedAt: string;
};

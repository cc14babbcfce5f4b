import type { Deployment } from "kubernetes-types/apps/v1";
import type { ContainerStatus, Event, PersistentVolumeClaim, Pod } from "kubernetes-types/core/v1";
import { registryOfImage } from "@/lib/schemas/registry";
import { registrySecretName } from "@/server/engine/names";
import { eventTime } from "@/server/engine/status/event-time";
import { lastLogLine, permissionErrorLine } from "@/server/engine/status/explain-exit-message";
import { explainProbeRestart } from "@/server/engine/status/explain-probes";

/**
 * Human explanations for the failures people hit most, each one sentence that says what is wrong
 * and what to do about it. Inputs are the objects as the API server returns them; every function
 * returns undefined when its failure is not present, so `explainApp` can try them in order of
 * how directly they block the app.
 *
 * Container waiting reasons: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#container-states
 * Deployment conditions: https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#failed-deployment
 *
 * Known limit: explanations have no grace period. With an Immediate-binding storage class and a
 * slow provisioner, the scheduler's first "unbound immediate PersistentVolumeClaims" can make an
 * app read Failed for the seconds until the claim binds (local-path binds WaitForFirstConsumer,
 * so k3s does not show this).
 */

const IMAGE_PULL_REASONS = new Set(["ErrImagePull", "ImagePullBackOff", "InvalidImageName", "ErrImageNeverPull"]);

function containerStatuses(pod: Pod): ContainerStatus[] {
  return [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
}

/** The image the container was asked to run, as written in the pod spec (the status may show the expanded name). */
function specImage(pod: Pod, container: string): string | undefined {
  const all = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  return all.find((c) => c.name === container)?.image;
}

/** containerd's words when the registry's host cannot be reached at all (a network cause, not the tag). */
const UNREACHABLE = /dial tcp [^:]+(?::\d+)?: (connect: connection refused|i\/o timeout|lookup [^:]+: no such host|connect: no route to host)|dial tcp: lookup [^:]+(?: on [^:]+(?::\d+)?)?: no such host/;

/**
 * Why the pull failed, in containerd's words: the ErrImagePull message, or while the kubelet
 * backs off (ImagePullBackOff only says "Back-off pulling image") its latest "Failed to pull" event.
 */
function pullError(pod: Pod, cs: ContainerStatus, events: Event[]): string | undefined {
  if (cs.state?.waiting?.reason === "ErrImagePull") return cs.state.waiting.message;
  const failed = events
    .filter((e) => e.reason === "Failed" && e.involvedObject.name === pod.metadata?.name && /^Failed to pull image/.test(e.message ?? ""))
    .sort((a, b) => eventTime(b) - eventTime(a))[0];
  return failed?.message;
}

/**
 * containerd's words when the registry refused the pull for want of (valid) credentials: the
 * token endpoint's 401/403 (ghcr.io, Harbor, a private `registry:2` behind token auth), Docker
 * Hub's `insufficient_scope`, or a plain 401 on the manifest.
 */
const UNAUTHORIZED =
  /failed to fetch (?:anonymous|oauth) token|pull access denied|insufficient_scope|authorization failed|401 Unauthorized|403 Forbidden|: (?:unauthorized|denied)(?::|$)/;
/** containerd's "the tag or repository does not exist" (code NotFound). */
const NOT_FOUND = /code = NotFound|: not found$/;

/** A registry login of the app's project, as status knows it (never the password). */
export interface RegistryLoginInfo {
  server: string;
  username: string;
}

/** The sentence for a pull the registry refused: no login, a refused login, or a login the pods do not carry yet. */
function unauthorizedSentence(pod: Pod, image: string, logins: readonly RegistryLoginInfo[]): string {
  const host = registryOfImage(image) ?? "the registry";
  const login = logins.find((l) => l.server === host);
  const offered = (pod.spec?.imagePullSecrets ?? []).some((s) => s.name === registrySecretName(host));
  if (offered) {
    return `The image ${image} could not be pulled: ${host} refused the credentials${login ? ` for ${login.username}` : ""} — check the username and token in the project's settings.`;
  }
  if (login) {
    return `The image ${image} could not be pulled: ${host} answered unauthorized, and this app's pods do not carry the project's login for it yet — redeploy the app.`;
  }
  return `The image ${image} could not be pulled: ${host} answered unauthorized — add credentials for ${host} in the project's settings (or check the image name: registries answer the same for a repository that does not exist).`;
}

/** ErrImagePull / ImagePullBackOff: the tag or name is wrong, the registry is private, or unreachable. */
export function explainImagePull(pods: Pod[], events: Event[] = [], logins: readonly RegistryLoginInfo[] = []): string | undefined {
  // Newest pod first: mid-rollout it runs the latest template (e.g. the one that has the pull secret).
  const newestFirst = [...pods].sort((a, b) => Date.parse(b.metadata?.creationTimestamp ?? "") - Date.parse(a.metadata?.creationTimestamp ?? ""));
  for (const pod of newestFirst) {
    for (const cs of containerStatuses(pod)) {
      const reason = cs.state?.waiting?.reason;
      if (!reason || !IMAGE_PULL_REASONS.has(reason)) continue;
      const image = specImage(pod, cs.name) ?? cs.image;
      if (reason === "InvalidImageName") {
        return `The image name ${image} is not valid — fix the image reference (registry/name:tag).`;
      }
      const error = pullError(pod, cs, events) ?? "";
      const unreachable = UNREACHABLE.exec(error);
      if (unreachable) {
        return `The image ${image} could not be pulled: its registry could not be reached (${unreachable[0]}) — check the registry address in the image name and that the cluster's node can reach it.`;
      }
      if (UNAUTHORIZED.test(error)) return unauthorizedSentence(pod, image, logins);
      if (NOT_FOUND.test(error)) {
        return `The image ${image} could not be pulled: ${registryOfImage(image) ?? "its registry"} has no such image or tag — check the image name and tag.`;
      }
      return `The image ${image} could not be pulled — check the image name and tag, and that the registry is reachable.`;
    }
  }
  return undefined;
}

/** CrashLoopBackOff (or a container that was OOM-killed): the process exits; its logs say why. */
export function explainCrashLoop(pods: Pod[]): string | undefined {
  for (const pod of pods) {
    for (const cs of containerStatuses(pod)) {
      const exited = cs.state?.terminated && cs.state.terminated.exitCode !== 0 ? cs.state.terminated : undefined;
      if (cs.state?.waiting?.reason !== "CrashLoopBackOff" && !exited) continue;
      const last = exited ?? cs.lastState?.terminated;
      if (last?.reason === "OOMKilled") {
        return "The container was killed for using more memory than its limit (OOMKilled) — raise the app's memory limit.";
      }
      const code = last?.exitCode;
      const codeText = code === undefined ? "" : ` (last exit code ${code})`;
      const denied = permissionErrorLine(last);
      if (denied && /Read-only file system/i.test(denied)) {
        return `The container keeps crashing${codeText}: "${denied}" — its filesystem is read-only, so mount a volume at the path it writes to, or turn off the read-only root filesystem.`;
      }
      if (denied) {
        return `The container keeps crashing${codeText}: "${denied}" — the process may not write where its volume is mounted; set the app's fsGroup (and user) in Advanced to the image's group, e.g. 999 for postgres.`;
      }
      const said = lastLogLine(last);
      if (said) return `The container keeps crashing${codeText}; its last log line: "${said}" — open the logs to see why it exits.`;
      return `The container keeps crashing${codeText} — open the logs to see why it exits.`;
    }
  }
  return undefined;
}

/** The newest event about an object with a given reason. Events are matched by uid, or kind+name when uid is absent. */
function latestEvent(events: Event[], kind: string, name: string, uid: string | undefined, reasons: string[]): Event | undefined {
  return events
    .filter((e) => reasons.includes(e.reason ?? ""))
    .filter((e) => (uid && e.involvedObject.uid ? e.involvedObject.uid === uid : e.involvedObject.kind === kind && e.involvedObject.name === name))
    .sort((a, b) => eventTime(b) - eventTime(a))[0];
}


/**
 * Why a PersistentVolumeClaim is not Bound, in the provisioner's or binder's own words, or
 * undefined when it is Bound or nothing has said why yet.
 */
export function pvcNote(pvc: PersistentVolumeClaim, events: Event[]): string | undefined {
  if (pvc.status?.phase === "Bound") return undefined;
  const name = pvc.metadata?.name ?? "";
  const event = latestEvent(events, "PersistentVolumeClaim", name, pvc.metadata?.uid, ["ProvisioningFailed", "FailedBinding"]);
  if (event?.message) return event.message;
  const condition = pvc.status?.conditions?.find((c) => c.status === "True" && c.message);
  return condition?.message;
}

function whatToDoForVolume(pvc: PersistentVolumeClaim, note: string): string {
  const modes = pvc.spec?.accessModes ?? [];
  if (/only support ReadWriteOnce/i.test(note) || (modes.includes("ReadWriteMany") && /access mode/i.test(note))) {
    return "this storage class supports only ReadWriteOnce — change the volume's access mode to ReadWriteOnce, or choose a storage class that supports ReadWriteMany";
  }
  if (/no storage class is set/i.test(note)) {
    return "set a storage class on the volume, or mark one as the cluster's default";
  }
  if (/storageclass[^"]*"[^"]*" not found/i.test(note)) {
    return "the storage class does not exist — pick one the cluster has (kubectl get storageclass)";
  }
  return "check that the volume's storage class exists and can provision volumes";
}

/** A pod waits for a claim that is not Bound (RWX on local-path, a missing storage class, …). */
export function explainUnboundVolume(pods: Pod[], pvcs: PersistentVolumeClaim[], events: Event[]): string | undefined {
  const pending = pods.some((p) => p.status?.phase === "Pending");
  if (!pending) return undefined;
  const claimed = new Set(pods.flatMap((p) => (p.spec?.volumes ?? []).map((v) => v.persistentVolumeClaim?.claimName).filter(Boolean)));
  for (const name of claimed) {
    const pvc = pvcs.find((c) => c.metadata?.name === name);
    if (!pvc) return `The volume claim "${name}" does not exist — deploy the app again so Berth recreates it.`;
    if (pvc.status?.phase === "Bound") continue;
    const note = pvcNote(pvc, events);
    if (!note) continue;
    return `The volume "${name}" cannot be provisioned (${trimSentence(note)}) — ${whatToDoForVolume(pvc, note)}.`;
  }
  return undefined;
}

/** The scheduler found no node for a pod (not enough CPU/memory, taints, node selectors). */
export function explainUnschedulable(pods: Pod[], events: Event[]): string | undefined {
  for (const pod of pods) {
    if (pod.status?.phase !== "Pending") continue;
    const condition = pod.status?.conditions?.find((c) => c.type === "PodScheduled" && c.status === "False");
    const event = latestEvent(events, "Pod", pod.metadata?.name ?? "", pod.metadata?.uid, ["FailedScheduling"]);
    const message = event?.message ?? (condition?.reason === "Unschedulable" ? condition.message : undefined);
    if (!message) continue;
    if (/unbound (immediate )?PersistentVolumeClaims/i.test(message)) {
      return `The pod cannot be scheduled because its volume is not bound yet (${trimSentence(message)}) — check the volume's storage class.`;
    }
    const hint = /Insufficient (cpu|memory)/i.test(message)
      ? "lower the app's CPU/memory requests or free up capacity on the node"
      : "check the node's capacity, taints and the app's requests";
    return `The pod cannot be scheduled: ${trimSentence(message)} — ${hint}.`;
  }
  return undefined;
}

/**
 * Multi-Attach: a ReadWriteOnce volume is still attached to another pod, typically when a
 * rolling update starts the new pod before the old one has let go of the volume.
 */
export function explainMultiAttach(pods: Pod[], events: Event[]): string | undefined {
  const waiting = new Set(pods.filter((p) => !isPodReady(p) && !p.metadata?.deletionTimestamp).map((p) => p.metadata?.name));
  const event = events
    .filter((e) => /Multi-Attach error/i.test(e.message ?? "") && waiting.has(e.involvedObject.name))
    .sort((a, b) => eventTime(b) - eventTime(a))[0];
  if (!event) return undefined;
  const volume = /for volume "([^"]+)"/.exec(event.message ?? "")?.[1];
  const which = volume ? ` "${volume}"` : "";
  return `The volume${which} is still attached to another pod (Multi-Attach error) — a ReadWriteOnce volume can be used by one pod at a time, so run 1 replica with the Recreate strategy.`;
}

/** The Deployment's Progressing condition went False with ProgressDeadlineExceeded. */
export function explainProgressDeadline(deployment: Deployment | undefined): string | undefined {
  const progressing = deployment?.status?.conditions?.find((c) => c.type === "Progressing");
  if (progressing?.status !== "False" || progressing.reason !== "ProgressDeadlineExceeded") return undefined;
  const seconds = deployment?.spec?.progressDeadlineSeconds ?? 600;
  return `The rollout did not finish within its ${seconds}-second deadline — look at the pods and events for the cause, then fix it and deploy again or roll back.`;
}

/** A pod is ready when its Ready condition is True (all containers ready and probes passing). */
export function isPodReady(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;
}

function trimSentence(text: string): string {
  return text.trim().replace(/[.\s]+$/, "");
}

export type ExplainInput = {
  deployment?: Deployment;
  pods: Pod[];
  events: Event[];
  pvcs: PersistentVolumeClaim[];
  /** The project's registry logins, so a refused pull can name the user and tell a stale pod from a wrong login. */
  registryLogins?: readonly RegistryLoginInfo[];
};

/**
 * The single most useful explanation for an app's state, or undefined when nothing is wrong.
 * Order: causes that stop a pod from existing or starting (volume, scheduling, attach, image),
 * then a container killed by its probe (which also backs off like a crash), then a crashing
 * process, then the rollout deadline (which only says that something above
 * went wrong for too long).
 */
export function explainApp({ deployment, pods, events, pvcs, registryLogins }: ExplainInput): string | undefined {
  return (
    explainUnboundVolume(pods, pvcs, events) ??
    explainUnschedulable(pods, events) ??
    explainMultiAttach(pods, events) ??
    explainImagePull(pods, events, registryLogins) ??
    explainProbeRestart(pods, events) ??
    explainCrashLoop(pods) ??
    explainProgressDeadline(deployment)
  );
}

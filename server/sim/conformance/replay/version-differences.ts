/**
 * Where kube-apiserver/kubelet v1.32 (the version the sim reports) answers differently from the
 * recorded v1.28.7: the recorded text is translated to the reported version before comparing.
 * Each entry says what changed; the list is the place to look when a recording is re-made.
 */
export interface TextChange {
  what: string;
  recorded: RegExp;
  reported: string;
}

export const EVENT_MESSAGE_CHANGES: TextChange[] = [
  { what: "the deployment controller names the old scale since v1.31", recorded: /^Scaled up replica set (\S+) to (\d+)$/, reported: "Scaled up replica set $1 from 0 to $2" },
  { what: "the kubelet puts a colon before the container name since v1.31", recorded: /^Created container (\S+)$/, reported: "Created container: $1" },
];

/** Pod conditions a v1.32 kubelet adds (PodReadyToStartContainers is on by default since v1.29). */
export const ADDED_POD_CONDITIONS = new Set(["PodReadyToStartContainers"]);

/** The recorded event message as the reported version would word it. */
export function reportedEventMessage(message: string): string {
  for (const change of EVENT_MESSAGE_CHANGES) if (change.recorded.test(message)) return message.replace(change.recorded, change.reported);
  return message;
}

/**
 * Job status in v1.32 against the recorded v1.28: the controller first writes SuccessCriteriaMet /
 * FailureTarget and the terminal Complete / Failed only once no pod is terminating (KEP-4368,
 * v1.31), Complete carries the CompletionsReached reason and message, and `terminating` is
 * reported (JobPodReplacementPolicy, on by default since v1.29).
 */
export const ADDED_JOB_STATUS_FIELDS = new Set(["terminating"]);
export const COMPLETE_CONDITION_V132 = { reason: "CompletionsReached", message: "Reached expected number of succeeded pods" };

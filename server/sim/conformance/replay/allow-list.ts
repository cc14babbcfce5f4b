/**
 * Recordings the simulated cluster deliberately does not reproduce, each with the reason.
 * allow-list.test.ts proves every entry names a recording and that each still differs, so this
 * list only shrinks.
 */

export const ALLOW_LIST: Record<string, string> = {
  "05c-5-exec-killed-by-signal": "the sim does not model a process killed by a signal (recorded: exit code 137 in the channel-3 status)",
  "05d-4-exec-not-executable": "runc's permission-denied failure is not reproduced frame for frame by the sim",
  "05e-1-handshake-v5-only": "version: v1.28 has no v5.channel.k8s.io (recorded: 403 for v5 alone, v4 chosen from v5+v4); v1.30+ serves v5, as the sim (v1.32) does — keep unless issue 20 models otherwise",
  "05e-2-handshake-v5-then-v4": "version: v1.28 has no v5.channel.k8s.io (recorded: 403 for v5 alone, v4 chosen from v5+v4); v1.30+ serves v5, as the sim (v1.32) does — keep unless issue 20 models otherwise",
  "05e-3-handshake-v4-base64": "the sim does not serve v4.base64.channel.k8s.io (text frames, ASCII channel digit, base64 payload); Berth never offers it",
  "05e-5-handshake-no-subprotocol": "the sim does not answer a handshake without a subprotocol with the empty Sec-WebSocket-Protocol header a real server sends; Berth always offers one",
  "05e-6-handshake-unknown": "an unknown subprotocol: the sim answers a 400 Status, v1.28 an empty 403 with Connection: close",
  "05f-4-exec-crashloop-container": "exec into a container that is not running: the sim answers 400 JSON, v1.28 500 text/plain container not found (\"app\")",
  "05f-5-exec-pending-pod": "exec into a pending pod: the sim answers 400 JSON, v1.28 500 text/plain container not found (\"app\")",
  "05f-6-exec-no-streams": "a request with no streams is not refused with the recorded 400 text/plain",
  "07f-cronjob-job-success": "no CronJob controller in the sim yet (issue 15): no Job is ever scheduled",
  "07g-cronjob-job-failure": "no CronJob controller in the sim yet (issue 15): no Job is ever scheduled",
  "01h-4-ssa-invalid-yaml": "a YAML syntax error is a 400 in the sim too, but in the JS yaml parser's words, not go-yaml's",
  "08-4-apis-aggregated-discovery-headline": "aggregated discovery (APIGroupDiscoveryList) is not served: the sim answers with legacy discovery, which kubectl and client-node fall back to (sim README, known limitations); v1.32 would serve apidiscovery.k8s.io/v2 and v2beta1",
  "04-8-watch-sendinitialevents":
    "version: v1.28 refuses sendInitialEvents (WatchList gate off, 422); the sim reports v1.32, where WatchList is beta and on by default, and streams the initial events plus the initial-events-end bookmark (the gate is off again in 1.33, on in 1.34)",
};

import type { KubeConfig } from "@kubernetes/client-node";
import { openExecStream } from "@/server/kube/exec-stream";

/**
 * Runs `sh -c script` in a pod's container through the Kubernetes exec API, as a test's stand-in
 * for the app or database writing its own data; resolves with its stdout, rejects on a non-zero exit.
 */
export async function execInPod(kubeConfig: KubeConfig, target: { namespace: string; pod: string; container: string }, script: string): Promise<string> {
  let out = "";
  await new Promise<void>((resolve, reject) => {
    void openExecStream(kubeConfig, { ...target, command: ["sh", "-c", script], tty: false, stdin: false }, {
      onStdout: (d) => (out += d.toString("utf8")),
      onStderr: () => {},
      onOutcome: (o) => (o.code === 0 ? resolve() : reject(new Error(o.message))),
      onClose: () => resolve(),
    }).catch(reject);
  });
  return out;
}

import type { KubeConfig } from "@kubernetes/client-node";
import { openLogStream } from "@/server/kube/log-stream";

/**
 * The last non-empty line a container logged (tailLines=2, at most 4 KiB), or undefined when the
 * log cannot be read (the pod is gone, or never started). For explaining a failed run in a
 * sentence; never throws.
 */
export async function readLastLogLine(kubeConfig: KubeConfig, target: { namespace: string; pod: string; container: string }): Promise<string | undefined> {
  try {
    const response = await openLogStream(kubeConfig, { ...target, tailLines: 2, limitBytes: 4096 });
    let text = "";
    for await (const chunk of response.body.setEncoding("utf8")) text += chunk as string;
    const lines = text.split("\n").map((l) => l.trim()).filter(Boolean);
    return lines.at(-1)?.slice(0, 300);
  } catch {
    return undefined;
  }
}

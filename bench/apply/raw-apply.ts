import https from "node:https";
import type { KubeObject } from "@/server/kube/kube-object";

/**
 * The floor: plain server-side-apply PATCHes over one keep-alive TLS pool, `concurrency` at a
 * time, with no ordering beyond "namespaces first". No retries, no result handling beyond the
 * status code — what any client must at least spend.
 */
export async function rawApply(opts: { url: string; caCert: string; token: string; namespaces: KubeObject[]; objects: KubeObject[]; concurrency: number }): Promise<void> {
  const agent = new https.Agent({ keepAlive: true, maxSockets: opts.concurrency, ca: opts.caCert });
  try {
    await runPool(opts.namespaces, opts.concurrency, (o) => patch(opts, agent, o));
    await runPool(opts.objects, opts.concurrency, (o) => patch(opts, agent, o));
  } finally {
    agent.destroy();
  }
}

async function runPool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

const PLURALS: Record<string, string> = {
  Namespace: "namespaces",
  Secret: "secrets",
  PersistentVolumeClaim: "persistentvolumeclaims",
  Deployment: "deployments",
  Service: "services",
  Ingress: "ingresses",
};

function pathOf(o: KubeObject): string {
  const root = o.apiVersion.includes("/") ? `/apis/${o.apiVersion}` : `/api/${o.apiVersion}`;
  const ns = o.metadata.namespace ? `/namespaces/${o.metadata.namespace}` : "";
  return `${root}${ns}/${PLURALS[o.kind]}/${o.metadata.name}?fieldManager=bench-raw`;
}

function patch(opts: { url: string; token: string }, agent: https.Agent, o: KubeObject): Promise<void> {
  const body = JSON.stringify(o);
  return new Promise((resolve, reject) => {
    const req = https.request(
      new URL(pathOf(o), opts.url),
      {
        method: "PATCH",
        agent,
        headers: { Authorization: `Bearer ${opts.token}`, "Content-Type": "application/apply-patch+yaml", Accept: "application/json", "Content-Length": Buffer.byteLength(body) },
        timeout: 30_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          if ((res.statusCode ?? 0) >= 300) reject(new Error(`${o.kind} ${o.metadata.name}: HTTP ${res.statusCode} ${Buffer.concat(chunks).toString().slice(0, 300)}`));
          else resolve();
        });
      },
    );
    req.on("timeout", () => req.destroy(new Error("timed out after 30 s")));
    req.on("error", reject);
    req.end(body);
  });
}

/**
 * A deploy of an app that links databases waits (bounded) until each is ready before it applies
 * the app: a fresh database runs initdb for several seconds, and an app started meanwhile fails
 * to connect, crashes and lands in CrashLoopBackOff with a growing back-off — what a user sees
 * as a failed first install. Ready means the StatefulSet reports a ready replica, i.e. the
 * engine's own readiness probe (pg_isready, mysqladmin ping, …) passed, which is stronger than
 * the port answering. Past the bound the deploy goes ahead and says so: a database that never
 * becomes ready has its own status sentence, and the app's pods then retry on their own.
 *
 * Only deploys wait; a pod restarted later (node reboot) relies on the app retrying, as on any
 * Kubernetes cluster. Read from the shared informer, so waiting opens no watch.
 */
import type { KubeConfig } from "@kubernetes/client-node";
import type { StatefulSet } from "kubernetes-types/apps/v1";
import { publishRevisionChange } from "@/server/engine/revision-feed";
import { getInformer } from "@/server/kube/informers";

export interface WaitForDatabasesOptions {
  namespace: string;
  /** The app being deployed, whose progress the sentences are published for. */
  app: string;
  databases: readonly string[];
  timeoutMs: number;
  signal?: AbortSignal;
}

const TICK_MS = 250;

function isReady(sts: StatefulSet | undefined): boolean {
  return (sts?.status?.readyReplicas ?? 0) >= 1;
}

/** The sentence a deploy publishes while it waits for `databases`. */
export function waitingSentence(databases: readonly string[]): string {
  const names = databases.map((d) => `"${d}"`).join(", ");
  return `Waiting for database ${names} to be ready before starting the app (it would crash connecting to a database that is still starting).`;
}

/**
 * Resolves when every linked database is ready: undefined when they were (at once or after a
 * wait), or a sentence naming those still not ready when `timeoutMs` ran out. Rejects only when
 * `signal` aborts.
 */
export async function waitForLinkedDatabases(kubeConfig: KubeConfig, options: WaitForDatabasesOptions): Promise<string | undefined> {
  if (options.databases.length === 0) return undefined;
  const informer = getInformer("StatefulSet", kubeConfig);
  const started = Date.now();
  const notReady = () => options.databases.filter((d) => !isReady(informer.get(d, options.namespace) as unknown as StatefulSet | undefined));
  let announced = "";
  for (;;) {
    options.signal?.throwIfAborted();
    const pending = informer.isSynced() ? notReady() : [...options.databases];
    if (pending.length === 0) return undefined;
    if (Date.now() - started >= options.timeoutMs) {
      const message = `Database ${pending.map((d) => `"${d}"`).join(", ")} was still not ready after ${Math.round(options.timeoutMs / 1000)} s; the app is deployed anyway and connects once it is (the database's page says what holds it up).`;
      publishRevisionChange({ type: "revision-progress", project: options.namespace, app: options.app, message });
      return message;
    }
    const sentence = waitingSentence(pending);
    if (sentence !== announced) publishRevisionChange({ type: "revision-progress", project: options.namespace, app: options.app, message: sentence });
    announced = sentence;
    await tick(options.signal);
  }
}

/** TICK_MS, or less when `signal` aborts; the listener goes with the tick, so a long wait adds none up. */
function tick(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, TICK_MS);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * How a person reaches Berth's maintenance commands (server/cli/berth.ts) from where they read
 * a message. The image puts `berth` on its PATH and sets BERTH_IN_IMAGE=1 (deploy/Dockerfile);
 * a checkout runs the same code through npm scripts. A log line or an error page is read on
 * the operator's own machine, so in a pod it names the `kubectl exec` that gets there.
 *
 * Below every layer, like server/errors.ts: auth, the engine and the CLI all word hints with it.
 */
import fs from "node:fs";

/** Where the service account's namespace is mounted in every pod. */
const NAMESPACE_FILE = "/var/run/secrets/kubernetes.io/serviceaccount/namespace";

/** npm scripts of a checkout that run a `berth` subcommand under a shorter name. */
const CHECKOUT_SCRIPTS: Record<string, string> = { token: "token" };

type Env = Record<string, string | undefined>;

export type BerthRuntime = "checkout" | "container" | "pod";

/** A checkout (tsx, npm scripts), the image outside Kubernetes (`docker run`), or Berth's pod. */
export function berthRuntime(env: Env = process.env): BerthRuntime {
  if (env.BERTH_IN_IMAGE !== "1") return "checkout";
  // The kubelet sets this in every container of every pod.
  return env.KUBERNETES_SERVICE_HOST ? "pod" : "container";
}

/** The command as typed in the shell this process runs in: for a CLI's usage and its hints. */
export function commandHere(args: string, env: Env = process.env): string {
  if (berthRuntime(env) !== "checkout") return `berth ${args}`;
  const [first, ...rest] = args.split(" ");
  const script = CHECKOUT_SCRIPTS[first];
  return script ? `npm run ${script} -- ${rest.join(" ")}` : `npm run berth -- ${args}`;
}

/**
 * The command as an operator types it on their own machine after reading a log line or a page.
 * `whileDown`: the command must work while Berth cannot start (a malformed BERTH_ADMIN_TOKEN),
 * so in a pod it runs in a one-off pod of the same image instead of `exec` into Berth's.
 */
export function commandForOperator(args: string, options: { whileDown?: boolean; env?: Env } = {}): string {
  const env = options.env ?? process.env;
  const runtime = berthRuntime(env);
  if (runtime === "checkout") return commandHere(args, env);
  if (runtime === "container") return `docker exec <container> berth ${args}`;
  const namespace = podNamespace();
  if (options.whileDown) return `kubectl -n ${namespace} run berth-cli --rm -i --restart=Never --image=${IMAGE} -- berth ${args}`;
  return `kubectl -n ${namespace} exec deploy/berth -- berth ${args}`;
}

/** The image deploy/berth.yaml installs; .github/workflows/release.yml publishes it. */
export const IMAGE = "ghcr.io/berth-dev/berth";

function podNamespace(): string {
  try {
    return fs.readFileSync(NAMESPACE_FILE, "utf8").trim() || "berth";
  } catch {
    return "berth";
  }
}

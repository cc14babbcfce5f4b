/**
 * What the simulated container runtime does with an image, keyed by its tag so tests can ask for
 * a failure deterministically: `:crashloop` exits 1 after starting, `:notfound` (and
 * `:does-not-exist`, the real-cluster recordings' image) cannot be pulled, `:sh-only` has no
 * bash. A shell script whose last command is `exit N` (N > 0) exits with N after starting, as
 * `sh -c 'echo starting; exit 3'` does. Messages are containerd's and the kubelet's, word for word.
 */
export type ImageBehaviour = "run" | "crashloop" | "notfound";

export function imageTag(image: string): string {
  const last = image.split("/").pop() ?? image;
  const at = last.indexOf("@");
  if (at >= 0) return "";
  const colon = last.indexOf(":");
  return colon >= 0 ? last.slice(colon + 1) : "latest";
}

export function behaviourOf(image: string): ImageBehaviour {
  const tag = imageTag(image);
  return tag === "crashloop" ? "crashloop" : tag === "notfound" || tag === "does-not-exist" ? "notfound" : "run";
}

/** The exit code a container's process ends with by itself, or undefined if it keeps running. */
export function selfExitCode(container: { image: string; command?: string[]; args?: string[] }): number | undefined {
  const script = [...(container.command ?? []), ...(container.args ?? [])].join(" ");
  const code = /(?:^|[;&|\s])exit\s+(\d+)\s*;?\s*$/.exec(script)?.[1];
  if (code !== undefined && Number(code) > 0) return Number(code);
  return behaviourOf(container.image) === "crashloop" ? 1 : undefined;
}

export function hasBash(image: string): boolean {
  return imageTag(image) !== "sh-only" && !/(^|\/)(alpine|busybox)(:|$)/.test(image);
}

/** `nginx:1.27` → `docker.io/library/nginx:1.27`, as containerd reports it. */
export function fullImageName(image: string): string {
  const withTag = image.includes(":") || image.includes("@") ? image : `${image}:latest`;
  const first = withTag.split("/")[0];
  if (!withTag.includes("/")) return `docker.io/library/${withTag}`;
  if (first.includes(".") || first.includes(":") || first === "localhost") return withTag;
  return `docker.io/${withTag}`;
}

/** The ErrImagePull waiting message shown in containerStatuses. */
export function errImagePullMessage(image: string): string {
  const full = fullImageName(image);
  return `failed to pull and unpack image "${full}": failed to resolve reference "${full}": ${full}: not found`;
}

/**
 * What a container whose command the sim's userland can run prints to its log: `sh -c 'echo hi;
 * exit 3'` logs "hi", as on a real node, instead of the generated access-log lines. Only when
 * every command of the script is one the userland knows (exec-commands.ts); an `nginx -g …` or
 * `python manage.py …` keeps the generated output, since the sim cannot tell what it would print.
 */
import type { KubeObject } from "@/server/sim/contract";
import { hasBash } from "@/server/sim/controllers/image-behaviour";
import { KNOWN_COMMANDS, runArgv, splitWords, type ShellContext } from "@/server/sim/streams/exec-commands";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const SHELLS = new Set(["sh", "/bin/sh", "bash", "/bin/bash"]);

/** Every command word of the argv (the script's, for `sh -c`), to check the userland knows them. */
function commandsOf(argv: string[]): string[] {
  if (SHELLS.has(argv[0]) && argv[1] === "-c") {
    return (argv[2] ?? "").split(/[;\n]|&&|\|\|/).map((line) => splitWords(line.trim(), {})[0]).filter((w): w is string => Boolean(w));
  }
  return [argv[0]];
}

/** The lines the container's process prints (stdout and stderr, as the log merges them), or undefined. */
export function scriptedOutput(pod: KubeObject, containerName: string): string[] | undefined {
  const spec = (((pod.spec as Obj).containers ?? []) as Obj[]).find((c) => c.name === containerName);
  const argv = [...(spec?.command ?? []), ...(spec?.args ?? [])].map(String);
  if (argv.length === 0 || !commandsOf(argv).every((c) => KNOWN_COMMANDS.has(c))) return undefined;
  const env: Record<string, string> = { PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", HOSTNAME: pod.metadata.name, HOME: "/root" };
  for (const e of (spec?.env ?? []) as Obj[]) if (typeof e.value === "string") env[e.name] = e.value;
  const image = String(spec?.image ?? "");
  const ctx: ShellContext = { env, cwd: "/", hostname: pod.metadata.name, shell: argv[0].endsWith("bash") ? "bash" : "sh", hasBash: hasBash(image), size: undefined };
  const r = runArgv(argv, ctx);
  return `${r.stdout}${r.stderr}`.split("\n").filter((line, i, all) => i < all.length - 1 || line !== "");
}

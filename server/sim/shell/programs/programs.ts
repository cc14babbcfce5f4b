/**
 * Which programs a simulated container can run by name: BusyBox's applets in busybox and alpine
 * images, the same coreutils / tar programs in the Debian-based ones (every other image the sim
 * runs), and the database images' own tools (engine-tools.ts). `sh` / `bash` are the shell's
 * (shell.ts), since they run scripts.
 */
import { cat, cp, ls, mkdir, mv, rm, stat, touch } from "@/server/sim/shell/programs/file-programs";
import { date, test } from "@/server/sim/shell/programs/date-test";
import { tar } from "@/server/sim/shell/programs/tar-program";
import { basename, dirname, echo, env, head, printf, sleep, SIMPLE, stty, tail, wc, xargs } from "@/server/sim/shell/programs/text-programs";
import type { Program } from "@/server/sim/shell/process";

export const PROGRAMS: Record<string, Program> = {
  ...SIMPLE,
  cat, cp, ls, mkdir, mv, rm, stat, touch, date, test, "[": test, tar,
  basename, dirname, echo, env, printenv: env, head, printf, sleep, stty, tail, wc, xargs,
};

const BIN_DIRS = new Set(["/bin", "/usr/bin", "/sbin", "/usr/sbin", "/usr/local/bin", "/usr/local/sbin"]);

/** `cat`, `/bin/cat`, `/usr/bin/cat` → `cat`; a path outside the bin directories → undefined. */
export function programName(word: string): string | undefined {
  if (!word.includes("/")) return word;
  const dir = word.slice(0, word.lastIndexOf("/"));
  return BIN_DIRS.has(dir) ? word.slice(word.lastIndexOf("/") + 1) : undefined;
}

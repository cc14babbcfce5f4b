/**
 * tar: `-c` / `-x` / `-t` with `-z` (gzip via node's zlib), `-f FILE` (`-` for the streams),
 * `-C DIR`, `-v`, in the old bundled form too (`tar czf …`). Archives are real ustar + gzip
 * (fs/tar-format.ts). A file that is not gzip, or not a tar inside, fails in busybox's or GNU
 * tar's words.
 */
import { gunzipSync, gzipSync } from "node:zlib";
import { simClock } from "@/server/sim/controllers/sim-clock";
import { normalisePath } from "@/server/sim/fs/container-fs";
import { packTar, TarFormatError, unpackTar, type TarEntry } from "@/server/sim/fs/tar-format";
import type { FsNode } from "@/server/sim/fs/volume-fs";
import { complain, errnoText, type Program, type ProgramContext } from "@/server/sim/shell/process";

function collect(ctx: ProgramContext, dir: string, member: string, out: TarEntry[]): boolean {
  const path = normalisePath(member, dir);
  let n: FsNode | undefined;
  try {
    n = ctx.fs.stat(path);
  } catch {
    n = undefined;
  }
  if (!n) return false;
  const walk = (node: FsNode, name: string, at: string) => {
    if (node.kind === "file") return out.push({ path: name, kind: "file", data: node.data, mtimeMs: node.mtimeMs });
    out.push({ path: name.endsWith("/") ? name : `${name}/`, kind: "dir", data: Buffer.alloc(0), mtimeMs: node.mtimeMs });
    for (const [child, c] of [...node.entries].sort((a, b) => a[0].localeCompare(b[0]))) walk(c, `${name.replace(/\/$/, "")}/${child}`, `${at}/${child}`);
  };
  walk(n, member.replace(/\/+$/, "") || "/", path);
  return true;
}

function fail(ctx: ProgramContext, busybox: string, gnu: string[]): number {
  if (ctx.userland === "busybox") return complain(ctx, { busybox, gnu: "" });
  ctx.write(2, gnu.map((l) => (l.startsWith("\n") || l.startsWith("gzip:") ? `${l}\n` : `tar: ${l}\n`)).join(""));
  return 2;
}

export const tar: Program = (ctx) => {
  const args = ctx.argv.slice(1);
  if (args[0] && !args[0].startsWith("-")) args[0] = `-${args[0]}`;
  const flags = new Set<string>();
  const valued: Record<string, string> = {};
  const members: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--") { members.push(...args.slice(i + 1)); break; }
    if (a.startsWith("--")) {
      const [name, value] = a.slice(2).split("=", 2);
      if (name === "gzip") flags.add("z");
      else if (name === "file" || name === "directory") valued[name[0] === "f" ? "f" : "C"] = value ?? args[++i];
      else if (["create", "extract", "list"].includes(name)) flags.add({ create: "c", extract: "x", list: "t" }[name]!);
      continue;
    }
    if (!a.startsWith("-") || a === "-") { members.push(a); continue; }
    for (let j = 1; j < a.length; j++) {
      if (a[j] === "f" || a[j] === "C") {
        valued[a[j]] = a.slice(j + 1) || args[++i];
        break;
      }
      flags.add(a[j]);
    }
  }
  const dir = normalisePath(valued.C ?? ".", ctx.cwd);
  const file = valued.f ?? "-";
  const modes = ["c", "x", "t"].filter((m) => flags.has(m));
  if (modes.length !== 1) return fail(ctx, "need exactly one of -c, -x or -t", ["You must specify one of the '-Acdtrux', '--delete' or '--test-label' options", "Try 'tar --help' or 'tar --usage' for more information."]);
  if (modes[0] === "c") {
    if (members.length === 0) return fail(ctx, "empty archive", ["Cowardly refusing to create an empty archive", "Try 'tar --help' or 'tar --usage' for more information."]);
    const entries: TarEntry[] = [];
    let missing = 0;
    for (const m of members) {
      if (!collect(ctx, dir, m, entries)) {
        missing++;
        if (ctx.userland === "busybox") return complain(ctx, { busybox: `${m}: No such file or directory`, gnu: "" });
        ctx.write(2, `tar: ${m}: Cannot stat: No such file or directory\n`);
      }
    }
    if (flags.has("v")) ctx.write(file === "-" ? 2 : 1, entries.map((e) => `${e.path}\n`).join(""));
    const tarBytes = packTar(entries);
    const bytes = flags.has("z") ? gzipSync(tarBytes, { mtime: Math.floor(simClock.now() / 1000) } as object) : tarBytes;
    try {
      if (file === "-") ctx.write(1, bytes);
      else ctx.fs.writeFile(normalisePath(file, ctx.cwd), bytes);
    } catch (err) {
      return fail(ctx, `can't open '${file}': ${errnoText(err)}`, [`${file}: Cannot open: ${errnoText(err)}`, "Error is not recoverable: exiting now"]);
    }
    if (missing) {
      ctx.write(2, "tar: Exiting with failure status due to previous errors\n");
      return 2;
    }
    return 0;
  }
  let bytes: Buffer;
  try {
    bytes = file === "-" ? ctx.stdin : ctx.fs.readFile(normalisePath(file, ctx.cwd));
  } catch (err) {
    return fail(ctx, `can't open '${file}': ${errnoText(err)}`, [`${file}: Cannot open: ${errnoText(err)}`, "Error is not recoverable: exiting now"]);
  }
  const isGzip = bytes[0] === 0x1f && bytes[1] === 0x8b;
  if (flags.has("z") && !isGzip) return fail(ctx, "invalid magic", ["\ngzip: stdin: not in gzip format", "Child returned status 1", "Error is not recoverable: exiting now"]);
  let entries: TarEntry[];
  try {
    entries = unpackTar(isGzip ? gunzipSync(bytes) : bytes);
  } catch (err) {
    if (!(err instanceof TarFormatError) && !(err instanceof Error && "code" in err)) throw err;
    return fail(ctx, "invalid tar magic", ["This does not look like a tar archive", "Exiting with failure status due to previous errors"]);
  }
  if (modes[0] === "t") {
    ctx.write(1, entries.map((e) => `${e.path}\n`).join(""));
    return 0;
  }
  for (const e of entries) {
    const target = normalisePath(e.path, dir);
    try {
      if (e.kind === "dir") {
        if (!ctx.fs.stat(target)) ctx.fs.mkdir(target);
      } else ctx.fs.writeFile(target, e.data);
      if (flags.has("v")) ctx.write(1, `${e.path}\n`);
      if (target !== dir) ctx.fs.setMtime(target, e.mtimeMs);
    } catch (err) {
      return fail(ctx, `can't create '${e.path}': ${errnoText(err)}`, [`${e.path}: Cannot open: ${errnoText(err)}`, "Exiting with failure status due to previous errors"]);
    }
  }
  return 0;
};

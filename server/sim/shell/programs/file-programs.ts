/**
 * The file programs of BusyBox 1.36 and GNU coreutils 9.1 (Debian 12) that scripts use: cat,
 * ls (-1 -a -A -l -t -r), mv, cp (-r -a -p), rm (-f -r), mkdir (-p), touch, stat -c (%n %s %Y
 * %y %F %a %U %G %%), each failing in its own userland's words.
 */
import { simClock } from "@/server/sim/controllers/sim-clock";
import type { FsNode } from "@/server/sim/fs/volume-fs";
import { complain, errnoText, parseOptions, resolve, type Program, type ProgramContext } from "@/server/sim/shell/process";

const baseName = (p: string) => p.replace(/\/+$/, "").split("/").pop() || "/";

function node(ctx: ProgramContext, path: string): FsNode | undefined {
  try {
    return ctx.fs.stat(resolve(ctx, path));
  } catch {
    return undefined;
  }
}

export const cat: Program = (ctx) => {
  const { operands } = parseOptions(ctx.argv.slice(1));
  let code = 0;
  for (const f of operands.length ? operands : ["-"]) {
    if (f === "-") { ctx.write(1, ctx.stdin); continue; }
    try {
      ctx.write(1, ctx.fs.readFile(resolve(ctx, f)));
    } catch (err) {
      code = complain(ctx, { busybox: `can't open '${f}': ${errnoText(err)}`, gnu: `${f}: ${errnoText(err)}` });
    }
  }
  return code;
};

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function longLine(ctx: ProgramContext, n: FsNode, name: string): string {
  const d = new Date(n.mtimeMs);
  const when = `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${String(d.getUTCHours()).padStart(2, "0")}:${String(d.getUTCMinutes()).padStart(2, "0")}`;
  const mode = n.kind === "dir" ? "drwxr-xr-x" : "-rw-r--r--";
  const size = n.kind === "dir" ? 4096 : n.data.length;
  const links = n.kind === "dir" ? 2 + [...n.entries.values()].filter((c) => c.kind === "dir").length : 1;
  return ctx.userland === "busybox"
    ? `${mode}    ${String(links).padEnd(1)} root     root     ${String(size).padStart(9)} ${when} ${name}`
    : `${mode} ${links} root root ${size} ${when} ${name}`;
}

export const ls: Program = (ctx) => {
  const { flags, operands } = parseOptions(ctx.argv.slice(1));
  const order = (entries: Array<[string, FsNode]>) => {
    const sorted = flags.has("t") ? entries.sort((a, b) => b[1].mtimeMs - a[1].mtimeMs || a[0].localeCompare(b[0])) : entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return flags.has("r") ? sorted.reverse() : sorted;
  };
  const show = (entries: Array<[string, FsNode]>) => order(entries).map(([name, n]) => (flags.has("l") ? longLine(ctx, n, name) : name)).join("\n");
  let code = 0;
  const files: Array<[string, FsNode]> = [];
  const dirs: Array<[string, FsNode]> = [];
  for (const op of operands.length ? operands : ["."]) {
    const n = node(ctx, op);
    if (!n) {
      code = complain(ctx, { busybox: `${op}: No such file or directory`, gnu: `cannot access '${op}': No such file or directory` }, ctx.userland === "gnu" ? 2 : 1);
      continue;
    }
    (n.kind === "dir" && !flags.has("d") ? dirs : files).push([op, n]);
  }
  const blocks: string[] = [];
  if (files.length) blocks.push(show(files));
  for (const [name, dir] of order(dirs)) {
    if (dir.kind !== "dir") continue;
    const entries = [...dir.entries].filter(([n]) => flags.has("a") || flags.has("A") || !n.startsWith("."));
    const listing = show(entries);
    const head = operands.length > 1 ? `${name}:\n` : "";
    const total = flags.has("l") ? `total ${entries.length * 4}\n` : "";
    blocks.push(`${head}${total}${listing}`.replace(/\n$/, ""));
  }
  const text = blocks.filter((b) => b !== "").join("\n\n");
  if (text) ctx.write(1, `${text}\n`);
  return code;
};

function targetOf(ctx: ProgramContext, src: string, dest: string, many: boolean): string | undefined {
  const d = node(ctx, dest);
  if (d?.kind === "dir") return resolve(ctx, `${dest}/${baseName(src)}`);
  if (many) return undefined;
  return resolve(ctx, dest);
}

export const mv: Program = (ctx) => {
  const { operands } = parseOptions(ctx.argv.slice(1));
  if (operands.length < 2) return complain(ctx, { busybox: "missing file operand", gnu: operands.length ? `missing destination file operand after '${operands[0]}'` : "missing file operand" });
  const dest = operands.pop()!;
  let code = 0;
  for (const src of operands) {
    const to = targetOf(ctx, src, dest, operands.length > 1);
    if (!to) return complain(ctx, { busybox: `'${dest}' is not a directory`, gnu: `target '${dest}': Not a directory` });
    if (!node(ctx, src)) {
      code = complain(ctx, { busybox: `can't rename '${src}': No such file or directory`, gnu: `cannot stat '${src}': No such file or directory` });
      continue;
    }
    try {
      ctx.fs.rename(resolve(ctx, src), to);
    } catch (err) {
      code = complain(ctx, { busybox: `can't rename '${src}': ${errnoText(err)}`, gnu: `cannot move '${src}' to '${dest}': ${errnoText(err)}` });
    }
  }
  return code;
};

export const cp: Program = (ctx) => {
  const { flags, operands } = parseOptions(ctx.argv.slice(1));
  const recursive = flags.has("r") || flags.has("R") || flags.has("a");
  if (operands.length < 2) return complain(ctx, { busybox: "missing file operand", gnu: "missing file operand" });
  const dest = operands.pop()!;
  let code = 0;
  for (const src of operands) {
    const n = node(ctx, src);
    if (!n) {
      code = complain(ctx, { busybox: `can't stat '${src}': No such file or directory`, gnu: `cannot stat '${src}': No such file or directory` });
      continue;
    }
    if (n.kind === "dir" && !recursive) {
      code = complain(ctx, { busybox: `omitting directory '${src}'`, gnu: `-r not specified; omitting directory '${src}'` });
      continue;
    }
    const to = targetOf(ctx, src, dest, operands.length > 1);
    if (!to) return complain(ctx, { busybox: `'${dest}' is not a directory`, gnu: `target '${dest}': Not a directory` });
    try {
      const keep = flags.has("a") || flags.has("p") ? n.mtimeMs : undefined;
      ctx.fs.copyNode(n, to);
      if (keep === undefined) ctx.fs.setMtime(to, simClock.now());
    } catch (err) {
      code = complain(ctx, { busybox: `can't create '${dest}': ${errnoText(err)}`, gnu: `cannot create regular file '${dest}': ${errnoText(err)}` });
    }
  }
  return code;
};

function removeTree(ctx: ProgramContext, path: string): void {
  const n = ctx.fs.stat(path);
  if (n?.kind === "dir") for (const name of [...n.entries.keys()]) removeTree(ctx, `${path === "/" ? "" : path}/${name}`);
  ctx.fs.remove(path);
}

export const rm: Program = (ctx) => {
  const { flags, operands } = parseOptions(ctx.argv.slice(1));
  const force = flags.has("f");
  const recursive = flags.has("r") || flags.has("R");
  let code = 0;
  for (const op of operands) {
    if (/(^|\/)\.\.?\/?$/.test(op)) {
      code = complain(ctx, { busybox: "can't remove '.' or '..'", gnu: `refusing to remove '.' or '..' directory: skipping '${op}'` });
      continue;
    }
    const n = node(ctx, op);
    if (!n) {
      if (!force) code = complain(ctx, { busybox: `can't remove '${op}': No such file or directory`, gnu: `cannot remove '${op}': No such file or directory` });
      continue;
    }
    if (n.kind === "dir" && !recursive) {
      code = complain(ctx, { busybox: `'${op}' is a directory`, gnu: `cannot remove '${op}': Is a directory` });
      continue;
    }
    try {
      removeTree(ctx, resolve(ctx, op));
    } catch (err) {
      code = complain(ctx, { busybox: `can't remove '${op}': ${errnoText(err)}`, gnu: `cannot remove '${op}': ${errnoText(err)}` });
    }
  }
  if (operands.length === 0 && !force) return complain(ctx, { busybox: "missing operand", gnu: "missing operand" });
  return code;
};

export const mkdir: Program = (ctx) => {
  const { flags, operands } = parseOptions(ctx.argv.slice(1), "m");
  let code = 0;
  for (const op of operands) {
    const path = resolve(ctx, op);
    try {
      if (flags.has("p")) {
        const parts = path.split("/").filter(Boolean);
        for (let i = 1; i <= parts.length; i++) {
          const sub = `/${parts.slice(0, i).join("/")}`;
          const n = ctx.fs.stat(sub);
          if (!n) ctx.fs.mkdir(sub);
          else if (n.kind !== "dir") throw Object.assign(new Error(), { fsCode: "ENOTDIR" });
        }
      } else ctx.fs.mkdir(path);
    } catch (err) {
      const text = (err as { fsCode?: string }).fsCode ? "Not a directory" : errnoText(err);
      code = complain(ctx, { busybox: `can't create directory '${op}': ${text}`, gnu: `cannot create directory '${op}': ${text}` });
    }
  }
  return code;
};

export const touch: Program = (ctx) => {
  const { operands } = parseOptions(ctx.argv.slice(1), "dr");
  let code = 0;
  for (const op of operands) {
    const path = resolve(ctx, op);
    try {
      if (ctx.fs.stat(path)) ctx.fs.setMtime(path, simClock.now());
      else ctx.fs.writeFile(path, Buffer.alloc(0));
    } catch (err) {
      code = complain(ctx, { busybox: `${op}: ${errnoText(err)}`, gnu: `cannot touch '${op}': ${errnoText(err)}` });
    }
  }
  return code;
};

function statFormat(format: string, name: string, n: FsNode): string {
  return format.replace(/%([a-zA-Z%])/g, (m, f: string) => {
    switch (f) {
      case "n": return name;
      case "s": return String(n.kind === "file" ? n.data.length : 4096);
      case "Y": return String(Math.floor(n.mtimeMs / 1000));
      case "y": return `${new Date(n.mtimeMs).toISOString().replace("T", " ").replace("Z", "")}000000 +0000`;
      case "F": return n.kind === "dir" ? "directory" : n.data.length ? "regular file" : "regular empty file";
      case "a": return n.kind === "dir" ? "755" : "644";
      case "U": case "G": return "root";
      case "%": return "%";
      default: return m;
    }
  });
}

export const stat: Program = (ctx) => {
  const { values, operands } = parseOptions(ctx.argv.slice(1), "c");
  const format = values.c ?? "%n %s %Y";
  let code = 0;
  for (const op of operands) {
    const n = node(ctx, op);
    if (!n) {
      code = complain(ctx, { busybox: `can't stat '${op}': No such file or directory`, gnu: `cannot statx '${op}': No such file or directory` });
      continue;
    }
    ctx.write(1, `${statFormat(format, op, n)}\n`);
  }
  if (operands.length === 0) return complain(ctx, { busybox: "missing operand", gnu: "missing operand" });
  return code;
};

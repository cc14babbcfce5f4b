/**
 * The POSIX ustar format (what busybox and GNU tar write by default for short names), so an
 * archive made in the sim is a real `.tar.gz` a user can open on their machine, and one made
 * elsewhere can be restored here. Directories and regular files only; names over 100 bytes use
 * the ustar prefix field. https://pubs.opengroup.org/onlinepubs/9699919799/utilities/pax.html#tag_20_92_13_06
 */

export interface TarEntry {
  /** As stored: `./dir/`, `./dir/file`. */
  path: string;
  kind: "file" | "dir";
  data: Buffer;
  mtimeMs: number;
}

const BLOCK = 512;
/** tar writes whole records of 20 blocks. */
const RECORD = 20 * BLOCK;

export class TarFormatError extends Error {}

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, "0")}\0`;
}

function header(entry: TarEntry): Buffer {
  const h = Buffer.alloc(BLOCK);
  let name = entry.path;
  let prefix = "";
  if (Buffer.byteLength(name) > 100) {
    const cut = name.lastIndexOf("/", name.length - 2 > 155 ? 155 : name.length - 2);
    prefix = name.slice(0, cut);
    name = name.slice(cut + 1);
    if (Buffer.byteLength(name) > 100 || Buffer.byteLength(prefix) > 155) throw new TarFormatError(`${entry.path}: file name is too long (max 256)`);
  }
  h.write(name, 0, 100, "utf8");
  h.write(octal(entry.kind === "dir" ? 0o755 : 0o644, 8), 100, "ascii");
  h.write(octal(0, 8), 108, "ascii");
  h.write(octal(0, 8), 116, "ascii");
  h.write(octal(entry.kind === "dir" ? 0 : entry.data.length, 12), 124, "ascii");
  h.write(octal(Math.floor(entry.mtimeMs / 1000), 12), 136, "ascii");
  h.write("        ", 148, "ascii");
  h.write(entry.kind === "dir" ? "5" : "0", 156, "ascii");
  h.write("ustar\0", 257, "ascii");
  h.write("00", 263, "ascii");
  h.write("root", 265, "ascii");
  h.write("root", 297, "ascii");
  h.write(prefix, 345, 155, "utf8");
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148, "ascii");
  return h;
}

export function packTar(entries: TarEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    parts.push(header(e));
    if (e.kind === "file") {
      parts.push(e.data);
      const pad = (BLOCK - (e.data.length % BLOCK)) % BLOCK;
      if (pad) parts.push(Buffer.alloc(pad));
    }
  }
  parts.push(Buffer.alloc(2 * BLOCK));
  const body = Buffer.concat(parts);
  const pad = (RECORD - (body.length % RECORD)) % RECORD;
  return pad ? Buffer.concat([body, Buffer.alloc(pad)]) : body;
}

const text = (b: Buffer, start: number, len: number) => b.subarray(start, start + len).toString("utf8").replace(/\0.*$/s, "");

/** The entries of an archive; TarFormatError when the bytes are not one. */
export function unpackTar(archive: Buffer): TarEntry[] {
  const entries: TarEntry[] = [];
  let pos = 0;
  let longName: string | undefined;
  while (pos + BLOCK <= archive.length) {
    const h = archive.subarray(pos, pos + BLOCK);
    if (h.every((b) => b === 0)) break;
    if (!text(h, 257, 6).startsWith("ustar")) throw new TarFormatError("not a tar archive");
    let sum = 0;
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i];
    if (parseInt(text(h, 148, 8).trim(), 8) !== sum) throw new TarFormatError("checksum mismatch");
    const size = parseInt(text(h, 124, 12).trim() || "0", 8);
    const type = String.fromCharCode(h[156] || 48);
    const prefix = text(h, 345, 155);
    const data = archive.subarray(pos + BLOCK, pos + BLOCK + size);
    if (data.length < size) throw new TarFormatError("short read");
    pos += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    if (type === "L") { longName = data.toString("utf8").replace(/\0.*$/s, ""); continue; }
    const path = longName ?? (prefix ? `${prefix}/${text(h, 0, 100)}` : text(h, 0, 100));
    longName = undefined;
    const mtimeMs = parseInt(text(h, 136, 12).trim() || "0", 8) * 1000;
    if (type === "5") entries.push({ path, kind: "dir", data: Buffer.alloc(0), mtimeMs });
    else if (type === "0" || type === "7") entries.push({ path, kind: "file", data: Buffer.from(data), mtimeMs });
    // Links, devices and pax headers are skipped: the sim's volumes hold files and directories only.
  }
  return entries;
}

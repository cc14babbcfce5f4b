import { z } from "zod";
import { checked, normalMountPath, requiredOr, strictObject } from "@/lib/schemas/kube-validators";
import { sha256Hex } from "@/lib/sha256";

/**
 * An app's config files: each is a path in the container, its text, and whether it is secret.
 * Plain files render into the ConfigMap `<app>-files`, secret files into the Secret
 * `<app>-secret-files`, and each directory is mounted as one `projected` volume (no `subPath`,
 * so plain and secret files share a directory and the kubelet updates them in place).
 * Isomorphic: the Files tab checks with the same rules the routes do.
 */

export const MAX_FILES = 50;
/** The API server refuses a ConfigMap or Secret whose data adds up to more than 1 MiB. */
export const MAX_FILE_DATA_BYTES = 1024 * 1024;
/** Prefix of the pod volumes Berth makes for file directories; app volumes may not use it. */
export const FILE_VOLUME_PREFIX = "berth-files-";

/**
 * Mounting a directory hides what the image had there; these would also break the container:
 * the kubelet bind-mounts /etc/hosts, /etc/hostname and /etc/resolv.conf into /etc, which it
 * cannot do inside a read-only projected volume.
 */
const REFUSED_DIRECTORIES: Array<{ path: string; reason: string }> = [
  { path: "/proc", reason: "the container runtime mounts the kernel's process filesystem there" },
  { path: "/sys", reason: "the container runtime mounts the kernel's sysfs there" },
  { path: "/dev", reason: "the container runtime puts the container's device nodes there" },
];

/** Explains why `path` cannot be a config file's path, or returns undefined when it can. */
export function filePathProblem(path: string): string | undefined {
  if (!path.startsWith("/")) return `must be an absolute path starting with '/' (e.g. "/${path}")`;
  if (path.length > 1024) return "must be at most 1024 characters";
  if (path === "/") return "must name a file, such as /etc/app/config.yaml";
  const segments = path.slice(1).split("/");
  if (segments.includes("..")) return "must not contain '..' segments";
  if (segments.includes(".")) return "must not contain '.' segments — write the path without them";
  if (segments.includes("")) return `must be written without '//' or a trailing '/' — write "${normalMountPath(path)}"`;
  if (path.includes(":")) return "must not contain ':'";
  if (/[\s\0-\x1f\x7f]/.test(path)) return "must not contain spaces or control characters";
  const name = segments[segments.length - 1];
  if (name.startsWith("..")) return "must not name a file starting with '..' (the kubelet keeps its own '..data' entries there)";
  if (name.length > 253) return "must have a file name of at most 253 characters";
  const directory = fileDirectory(path);
  if (directory === "/") return `must be in a directory, not directly in '/' — e.g. "/config${path}" (the directory is mounted as a whole)`;
  if (directory === "/etc") {
    return "must not be directly in /etc: the directory is mounted as a whole, which would hide the image's /etc and the kubelet's /etc/hosts and /etc/resolv.conf — use a subdirectory such as /etc/app";
  }
  const reserved = REFUSED_DIRECTORIES.find((r) => directory === r.path || directory.startsWith(`${r.path}/`));
  if (reserved) return `must not be under ${reserved.path}: ${reserved.reason}`;
  return undefined;
}

/** The directory a file is in: `/etc/app` for `/etc/app/config.yaml`. */
export function fileDirectory(path: string): string {
  const at = path.lastIndexOf("/");
  return at <= 0 ? "/" : path.slice(0, at);
}

export const appFileSchema = strictObject({
  path: checked(filePathProblem),
  content: z.string({ error: requiredOr("expected the file's text as a string") }).max(MAX_FILE_DATA_BYTES, { error: "at most 1 MiB" }),
  secret: z.boolean({ error: "expected true or false" }).default(false),
});
export type AppFile = z.output<typeof appFileSchema>;

/**
 * A file as the Deployment annotation and revisions record it: no content (the annotation budget
 * is 256 KiB, and secret contents must not be there), only a checksum of it.
 */
export const storedAppFileSchema = strictObject({
  path: checked(filePathProblem),
  secret: z.boolean(),
  checksum: z.string().regex(/^[0-9a-f]{16}$/, { error: "expected 16 hex digits" }),
});
export type StoredAppFile = z.output<typeof storedAppFileSchema>;

/** 16 hex digits of SHA-256 of the content: enough to tell a change, short in the annotation. */
export function fileChecksum(content: string): string {
  return sha256Hex(content).slice(0, 16);
}

export function redactFiles(files: readonly AppFile[]): StoredAppFile[] {
  return files.map((f) => ({ path: f.path, secret: f.secret, checksum: fileChecksum(f.content) }));
}

/**
 * The ConfigMap/Secret key of a file: ConfigMap keys must match `[-._a-zA-Z0-9]+` (≤ 253). The
 * path with '/' as '_' when that is reversible; otherwise (other characters, a '_', too long)
 * a readable head plus a hash of the path, so two paths never share a key and a key never moves.
 */
export function fileKey(path: string): string {
  const plain = path.slice(1).replaceAll("/", "_");
  if (/^[-.a-zA-Z0-9]+$/.test(path.slice(1).replaceAll("/", "")) && plain.length <= 253) return plain;
  const head = path.slice(1).replace(/[^-.a-zA-Z0-9]/g, "_").slice(0, 200);
  return `${head}.${sha256Hex(path).slice(0, 8)}`;
}

export interface FileMount {
  /** The directory mounted as one projected volume. */
  directory: string;
  /** The pod volume's name. */
  volume: string;
  /** Its files, with their path relative to the directory. */
  files: Array<{ file: AppFile; relativePath: string }>;
}

/**
 * The directories to mount: one per directory holding files, except that a directory inside
 * another one's is folded into it (its files become `sub/dir/name` items). A mount inside a
 * projected volume would need the runtime to create its mount point in a read-only volume,
 * which fails; one volume carrying both levels does not.
 */
export function fileMounts(files: readonly AppFile[]): FileMount[] {
  const directories = [...new Set(files.map((f) => fileDirectory(f.path)))].sort();
  const tops = directories.filter((d) => !directories.some((other) => other !== d && d.startsWith(`${other}/`)));
  return tops.map((directory) => ({
    directory,
    volume: `${FILE_VOLUME_PREFIX}${sha256Hex(directory).slice(0, 8)}`,
    files: files.filter((f) => f.path.startsWith(`${directory}/`)).map((file) => ({ file, relativePath: file.path.slice(directory.length + 1) })),
  }));
}

export interface FileIssue {
  path: Array<string | number>;
  message: string;
}

const bytes = (text: string) => new TextEncoder().encode(text).length;
const isWithin = (path: string, directory: string) => path === directory || path.startsWith(`${directory}/`);

/**
 * The rules across files and volumes, as issues for the app spec's refinement: no two files at
 * one path, no file where another file's directory is, no file directory at, inside or around a
 * volume's mount (one mount would hide the other, or need a mount point in a read-only volume),
 * and at most 1 MiB of plain and of secret data.
 */
export function appFileIssues(files: readonly AppFile[], volumes: ReadonlyArray<{ name: string; mountPath: string }>): FileIssue[] {
  const issues: FileIssue[] = [];
  const seen = new Map<string, number>();
  const keys = new Map<string, number>();
  files.forEach((f, i) => {
    const first = seen.get(f.path);
    if (first !== undefined) issues.push({ path: ["files", i, "path"], message: `"${f.path}" is already used by files[${first}] — each file needs its own path` });
    else seen.set(f.path, i);
    const key = fileKey(f.path);
    const sameKey = keys.get(key);
    if (sameKey !== undefined && first === undefined) issues.push({ path: ["files", i, "path"], message: `"${f.path}" and files[${sameKey}] map to the same key "${key}" — rename one` });
    else keys.set(key, i);
    const parent = files.findIndex((other) => other.path.startsWith(`${f.path}/`));
    if (parent >= 0) issues.push({ path: ["files", i, "path"], message: `"${f.path}" is a directory of files[${parent}] ("${files[parent].path}") — a path cannot be both a file and a directory` });
  });
  for (const mount of fileMounts(files)) {
    const volume = volumes.find((v) => {
      const at = normalMountPath(v.mountPath);
      return isWithin(mount.directory, at) || isWithin(at, mount.directory);
    });
    if (!volume) continue;
    const index = files.indexOf(mount.files[0].file);
    const at = normalMountPath(volume.mountPath);
    issues.push({
      path: ["files", index, "path"],
      message: isWithin(mount.directory, at)
        ? `"${files[index].path}" is inside the volume "${volume.name}" mounted at ${at}: the file's directory ${mount.directory} would be mounted over the volume and hide it — put the file in a directory outside ${at}`
        : `the volume "${volume.name}" is mounted at ${at}, inside ${mount.directory} where the files are mounted (read-only) — mount the volume elsewhere or move the files`,
    });
  }
  volumes.forEach((v, i) => {
    if (v.name.startsWith(FILE_VOLUME_PREFIX)) issues.push({ path: ["volumes", i, "name"], message: `names starting with "${FILE_VOLUME_PREFIX}" are kept for Berth's config file mounts — pick another name` });
  });
  for (const secret of [false, true]) {
    const total = files.filter((f) => f.secret === secret).reduce((sum, f) => sum + bytes(f.content), 0);
    if (total > MAX_FILE_DATA_BYTES) {
      issues.push({
        path: ["files"],
        message: `the ${secret ? "secret" : "plain"} files add up to ${Math.ceil(total / 1024)} KiB; a ${secret ? "Secret" : "ConfigMap"} holds at most 1 MiB — shorten them or put large files in a volume`,
      });
    }
  }
  return issues;
}

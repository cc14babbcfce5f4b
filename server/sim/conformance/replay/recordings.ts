/**
 * The recordings of a real kube-apiserver v1.28.7 in `../shared/real-k8s/` (beside the repo; CI
 * copies shared/ there): one JSON file per request or stream. See that folder's README for how
 * they were made and what was scrubbed.
 */
import fs from "node:fs";
import path from "node:path";

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: unknown;
}

export interface RecordedLine {
  tMs: number;
  json?: { type?: string; object?: Record<string, unknown> } & Record<string, unknown>;
  text?: string;
}

export interface Recording {
  name: string;
  case: string;
  request?: RecordedRequest;
  response?: { status: number; headers: Record<string, string | string[]>; body?: unknown; firstByteMs?: number | null };
  lines?: RecordedLine[];
  endedBy?: string;
  totalMs?: number;
  [extra: string]: unknown;
}

const REPO_ROOT = path.resolve(import.meta.dirname, "../../../..");

export const RECORDINGS_DIR = path.resolve(REPO_ROOT, "../shared/real-k8s");

function requireDir(): void {
  if (!fs.existsSync(path.join(RECORDINGS_DIR, "README.md"))) {
    throw new Error(`The real kube-apiserver recordings are missing: expected them in ${RECORDINGS_DIR} (shared/real-k8s beside the repository).`);
  }
}

/** Every recording's name (file name without .json), in the order they were recorded. */
export function recordingNames(): string[] {
  requireDir();
  return fs
    .readdirSync(RECORDINGS_DIR)
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.slice(0, -5))
    .sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
}

export function loadRecording(name: string): Recording {
  requireDir();
  const file = path.join(RECORDINGS_DIR, `${name}.json`);
  if (!fs.existsSync(file)) throw new Error(`No recording named ${name} in ${RECORDINGS_DIR}`);
  return { ...(JSON.parse(fs.readFileSync(file, "utf8")) as Omit<Recording, "name">), name } as Recording;
}

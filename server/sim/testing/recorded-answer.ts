/**
 * Test helper: one recording of a real kube-apiserver v1.28.7 from `../shared/real-k8s/` (a copy
 * of shared/ sits beside the repository in CI and on the build machines). See its README.
 */
import fs from "node:fs";
import path from "node:path";

export interface RecordedAnswer {
  case: string;
  request: { method: string; path: string; headers: Record<string, string>; body?: unknown };
  response: { status: number; headers: Record<string, string>; body: unknown };
}

export const RECORDINGS_DIR = path.resolve(process.cwd(), "../shared/real-k8s");

export function readRecording(file: string): RecordedAnswer {
  return JSON.parse(fs.readFileSync(path.join(RECORDINGS_DIR, file), "utf8")) as RecordedAnswer;
}

/** The recordings whose file names start with `prefix`, e.g. "01b-". */
export function recordingsStartingWith(prefix: string): string[] {
  return fs.readdirSync(RECORDINGS_DIR).filter((f) => f.startsWith(prefix) && f.endsWith(".json")).sort();
}

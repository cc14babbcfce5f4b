/**
 * Addresses of the log and terminal endpoints, built in one place so components never assemble
 * URLs. Socket addresses follow the page's own scheme and host (wss behind HTTPS).
 */
/** Whose pods a log or terminal reads: one app's or one database's. */
export type PodOwner = { app: string; database?: undefined } | { database: string; app?: undefined };

/** The owner from its parts (as primitives, they make stable hook dependencies). */
export function podOwner(app: string | undefined, database: string | undefined): PodOwner {
  return database !== undefined ? { database } : { app: app ?? "" };
}

export type LogsTarget = PodOwner & {
  project: string;
  pod?: string;
  container?: string;
  tail?: number;
  previous?: boolean;
};

function query(values: Record<string, string | number | boolean | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== undefined && value !== "") params.set(key, String(value));
  return params.toString();
}

function socketBase(): string {
  return `${window.location.protocol === "https:" ? "wss:" : "ws:"}//${window.location.host}`;
}

/** /api/ws/logs, with `resume` (last timestamp per stream) after a reconnect. */
export function logsSocketUrl(target: LogsTarget, resume?: Record<string, string>): string {
  const hasResume = resume && Object.keys(resume).length > 0;
  return `${socketBase()}/api/ws/logs?${query({
    project: target.project,
    app: target.app,
    database: target.database,
    pod: target.pod,
    container: target.container,
    previous: target.previous || undefined,
    tail: hasResume ? undefined : target.tail,
    resume: hasResume ? JSON.stringify(resume) : undefined,
  })}`;
}

export type ExecTarget = PodOwner & { project: string; pod?: string; container?: string; cols: number; rows: number };

/** /api/ws/exec for a terminal of `cols`×`rows`. */
export function execSocketUrl(target: ExecTarget): string {
  return `${socketBase()}/api/ws/exec?${query(target)}`;
}

/** The full-log download (an ordinary link; the browser saves the file). */
export function logsDownloadUrl(target: LogsTarget & { timestamps?: boolean }): string {
  const q = query({ pod: target.pod, container: target.container, previous: target.previous || undefined, timestamps: target.timestamps || undefined });
  const owner = target.database !== undefined ? `databases/${encodeURIComponent(target.database)}` : `apps/${encodeURIComponent(target.app)}`;
  return `/api/projects/${encodeURIComponent(target.project)}/${owner}/logs/download${q ? `?${q}` : ""}`;
}

/**
 * Query keys per resource, in one place so mutations invalidate exactly what they change.
 * Each resource's list and detail keys start with the resource's root key.
 */
export const queryKeys = {
  session: ["session"] as const,
  tokens: ["tokens"] as const,
  audit: (limit: number) => ["audit", { limit }] as const,
  auditRoot: ["audit"] as const,
  cluster: ["cluster"] as const,
  /** Every key under "projects" (list and details); the list alone is `projectList`. */
  projectsRoot: ["projects"] as const,
  projectList: ["projects", "list"] as const,
  project: (project: string) => ["projects", "detail", project] as const,
  registries: (project: string) => ["projects", "registries", project] as const,
  appsRoot: ["apps"] as const,
  /** Every key of one app (detail, status, revisions…). */
  appRoot: (project: string, app: string) => ["apps", project, app] as const,
  app: (project: string, app: string) => ["apps", project, app, "detail"] as const,
  appStatus: (project: string, app: string) => ["apps", project, app, "status"] as const,
  appMetrics: (project: string, app: string) => ["apps", project, app, "metrics"] as const,
  revisions: (project: string, app: string) => ["apps", project, app, "revisions"] as const,
  secretEnv: (project: string, app: string) => ["apps", project, app, "secret-env"] as const,
  statusBoard: ["status-board"] as const,
  templates: ["templates"] as const,
  /** Every key of a project's databases (list, details, password). */
  databasesRoot: (project: string) => ["databases", project] as const,
  databaseList: (project: string) => ["databases", project, "list"] as const,
  database: (project: string, database: string) => ["databases", project, "detail", database] as const,
  databasePassword: (project: string, database: string) => ["databases", project, "password", database] as const,
};

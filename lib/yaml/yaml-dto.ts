/** What the YAML routes answer (shared by the route handlers and the editor). */

export interface YamlObjectRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

/** One complaint from the API server, placed at its line in the editor (1-based). */
export interface YamlFieldProblem {
  message: string;
  /** The Kubernetes field path, e.g. `spec.replicas`. */
  field?: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** For conflicts: the field manager that owns the field. */
  manager?: string;
}

export interface YamlDocumentResult {
  index: number;
  ref: YamlObjectRef;
  /** 1-based line where the document starts. */
  line: number;
  /**
   * `invalid`: the document's own mistake (schema, validation); `conflict`: fields another field
   * manager owns; `forbidden`: Berth's cluster identity may not do it; `not_found`: its namespace
   * or kind does not exist; `failed`: the API server failed on it (busy, internal error).
   */
  outcome: "ok" | "invalid" | "conflict" | "forbidden" | "not_found" | "failed";
  message: string;
  problems: YamlFieldProblem[];
  /** Dry run only: whether the object does not exist yet. */
  isNew?: boolean;
  /** Dry run only: the live object and what it would become, as YAML (Secret values hidden). */
  live?: string;
  proposed?: string;
}

export interface YamlApplyResult {
  ok: boolean;
  dryRun: boolean;
  documents: YamlDocumentResult[];
}

/** `GET /api/yaml/live`: an app's objects as they are in the cluster. */
export interface LiveYamlAnswer {
  project: string;
  app: string;
  namespace: string;
  objects: Array<{ kind: string; name: string }>;
  yaml: string;
}

/** `GET /api/yaml/rendered`: what Berth rendered for the app's current revision. */
export interface RenderedYamlAnswer {
  revision: { number: number; outcome: string; createdAt: string } | null;
  yaml: string;
}

/** `GET /api/cluster/schemas`. */
export interface ClusterSchemasAnswer {
  gitVersion: string;
  source: "openapi/v3" | "openapi/v2";
  key: string;
  kinds: Array<{ group: string; version: string; kind: string; apiVersion: string; definition: string }>;
  schema: { definitions: Record<string, Record<string, unknown>> } & Record<string, unknown>;
}

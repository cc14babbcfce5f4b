/**
 * "Export": a project's Berth specs as one YAML file (lib/schemas/project-file.ts) that Import
 * and `berth import` turn back into a project. Secret values are written, in plain text, only
 * when the admin asks for them; such an export is audited, like a reveal.
 */
import { stringify } from "yaml";
import type { AppSpec } from "@/lib/schemas/app";
import { PROJECT_FILE_API_VERSION, PROJECT_FILE_KIND } from "@/lib/schemas/project-file";
import { requireRole } from "@/server/auth/access";
import { auditChange, type Acting } from "@/server/auth/audit";
import { getDb } from "@/server/db/client";
import { credentialsOf, databaseSpecOf } from "@/server/engine/databases/database-record";
import { appSpecOf } from "@/server/engine/model/app-record";
import { registryLoginOf } from "@/server/engine/model/registry-record";
import { readProjectContents, type ProjectContents } from "@/server/engine/project-file/read-project-contents";

export interface ExportOptions {
  includeSecrets: boolean;
  /** Written in the header comment; passed in so the file is reproducible in tests. */
  now?: Date;
}

/** Lists that default to empty: left out of the file when empty, so it reads like a hand-written spec. */
const EMPTY_BY_DEFAULT = ["command", "args", "env", "secretEnv", "hostnames", "volumes", "files", "tasks"] as const;

function appEntry(spec: AppSpec, includeSecrets: boolean): Record<string, unknown> {
  const entry: Record<string, unknown> = {
    ...spec,
    secretEnv: includeSecrets ? spec.secretEnv : spec.secretEnv.map(({ name }) => ({ name })),
    files: spec.files.map((f) => (f.secret && !includeSecrets ? { path: f.path, secret: true } : f)),
  };
  for (const key of EMPTY_BY_DEFAULT) if (Array.isArray(entry[key]) && (entry[key] as unknown[]).length === 0) delete entry[key];
  return entry;
}

/** The file's document (before YAML): the API's create bodies, secrets only when asked. */
export function projectFileDocument(contents: ProjectContents, includeSecrets: boolean): Record<string, unknown> {
  const { project } = contents;
  return {
    apiVersion: PROJECT_FILE_API_VERSION,
    kind: PROJECT_FILE_KIND,
    metadata: { name: project.name, ...(project.displayName ? { displayName: project.displayName } : {}) },
    spec: {
      registries: contents.registries.map((row) => {
        const login = registryLoginOf(row);
        return { server: login.server, username: login.username, ...(includeSecrets ? { password: login.password } : {}) };
      }),
      databases: contents.databases.map((row) => {
        const credentials = includeSecrets ? credentialsOf(row) : undefined;
        return {
          ...databaseSpecOf(row),
          ...(credentials ? { credentials: { password: credentials.password, ...(credentials.rootPassword !== null ? { rootPassword: credentials.rootPassword } : {}) } } : {}),
        };
      }),
      apps: contents.apps.map((row) => appEntry(appSpecOf(row), includeSecrets)),
    },
  };
}

function header(project: string, by: Acting, options: ExportOptions): string {
  const lines = [
    `Berth project "${project}", exported ${(options.now ?? new Date()).toISOString()} by ${by.principal.userName}.`,
    `Create a project from it with the Import page or \`npm run berth -- import <file> [--name <project>]\`.`,
    ...(options.includeSecrets
      ? [
          "THIS FILE HOLDS SECRET VALUES IN PLAIN TEXT: secret env, secret files, registry passwords and",
          "database credentials. Keep it like a password; do not commit it to a repository.",
        ]
      : [
          "Secret values are not in this file: secret env and secret files keep only their names, registry",
          "logins their username. An import leaves those to be set (it lists each one and does not deploy",
          "the apps that need them); databases get new credentials.",
        ]),
  ];
  return lines.map((l) => `# ${l}`).join("\n");
}

/** The project's file as YAML text; with secrets only for an admin, and audited. */
export async function exportProject(by: Acting, project: string, options: ExportOptions): Promise<string> {
  if (options.includeSecrets) requireRole(by.principal, "admin", false);
  const contents = await readProjectContents(getDb(), project);
  const document = projectFileDocument(contents, options.includeSecrets);
  if (options.includeSecrets) await auditChange(getDb(), by, "project.export", project, { secrets: true });
  return `${header(project, by, options)}\n${stringify(document, { lineWidth: 0 })}`;
}

/**
 * "Download manifests": the Kubernetes objects of a project as the engine renders them — the
 * same renderers a deploy, a database apply and a registry sync use, from the current specs —
 * as one multi-document YAML ready for `kubectl apply -f` or a git repository. Secrets are in it
 * only when the admin asks; otherwise each is left out and named in a comment.
 */
import { stringify } from "yaml";
import { requireRole } from "@/server/auth/access";
import { auditChange, type Acting } from "@/server/auth/audit";
import { getDb } from "@/server/db/client";
import type { Prisma, PrismaClient } from "@/server/db/generated/client";
import { credentialsOf, databaseSpecOf } from "@/server/engine/databases/database-record";
import { linksChecksumOf } from "@/server/engine/databases/linked-credentials";
import { renderDatabase } from "@/server/engine/databases/render-database";
import { appSpecOf } from "@/server/engine/model/app-record";
import { registryLoginOf } from "@/server/engine/model/registry-record";
import { renderProjectOf } from "@/server/engine/model/render-project";
import { readProjectContents } from "@/server/engine/project-file/read-project-contents";
import { renderApp } from "@/server/engine/render/render-app";
import { renderNamespace } from "@/server/engine/render/render-namespace";
import { renderRegistrySecret } from "@/server/engine/render/render-registry-secret";
import { renderOptionsOf } from "@/server/engine/revisions";
import { sortForApply } from "@/server/kube/kind-registry";

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
}

/**
 * Every object of the project, in apply order, one Namespace first. An app linking a database
 * carries the checksum of its credentials, as its deploy does.
 */
export async function renderProjectObjects(db: PrismaClient | Prisma.TransactionClient, name: string): Promise<Manifest[]> {
  const contents = await readProjectContents(db, name);
  const project = await renderProjectOf(db, contents.project);
  const objects: Manifest[] = [renderNamespace(project) as Manifest];
  for (const row of contents.registries) objects.push(renderRegistrySecret(registryLoginOf(row), project.name) as Manifest);
  for (const row of contents.databases) {
    objects.push(...(renderDatabase({ spec: databaseSpecOf(row), credentials: credentialsOf(row), claimSize: row.claimSize }, project) as Manifest[]));
  }
  for (const row of contents.apps) {
    const spec = appSpecOf(row);
    const links = await linksChecksumOf(db, project.name, spec.links);
    objects.push(...(renderApp(spec, project, { ...renderOptionsOf(row), linksChecksum: links.ok ? links.checksum : undefined }) as Manifest[]));
  }
  return sortForApply(objects.filter((o, i) => o.kind !== "Namespace" || i === 0));
}

/** The manifests as YAML text; Secrets only for an admin who asks, and then audited. */
export async function renderProjectManifests(by: Acting, name: string, options: { includeSecrets: boolean }): Promise<string> {
  if (options.includeSecrets) requireRole(by.principal, "admin", false);
  const objects = await renderProjectObjects(getDb(), name);
  const kept = options.includeSecrets ? objects : objects.filter((o) => o.kind !== "Secret");
  const left = objects.filter((o) => !kept.includes(o)).map((o) => `#   Secret ${o.metadata.namespace}/${o.metadata.name}`);
  if (options.includeSecrets) await auditChange(getDb(), by, "project.manifests", name, { secrets: true });
  const head = [
    `# Kubernetes objects of Berth project "${name}", as Berth renders them (field manager "berth").`,
    "# Apply with: kubectl apply --server-side --field-manager=berth -f <file>",
    "# (A --dry-run=server on a cluster without the namespace fails with \"namespaces not found\": a dry run creates nothing.)",
    ...(options.includeSecrets
      ? ["# THIS FILE HOLDS SECRET VALUES (base64 is not encryption): keep it like a password."]
      : left.length > 0
        ? ["# Secrets are left out (download with secrets to include them); the pods need these to start:", ...left]
        : []),
  ];
  return `${head.join("\n")}\n${kept.map((o) => `---\n${stringify(o, { lineWidth: 0 })}`).join("")}`;
}

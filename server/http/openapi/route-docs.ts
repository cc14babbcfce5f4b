import { z } from "zod";
import { appDetailSchema, appDriftSchema, appListSchema, hostnameListSchema, operationAcceptedSchema, operationSchema, revisionListSchema, volumeListSchema } from "@/lib/dto/app";
import { appFileListSchema, putAppFilesSchema, secretFileContentsSchema } from "@/lib/dto/app-files";
import { appStatusSchema } from "@/lib/dto/app-status";
import { taskListSchema, taskRunListSchema, taskRunSchema, taskViewSchema } from "@/lib/dto/task";
import { taskPatchSchema, taskSpecSchema } from "@/lib/schemas/task";
import { adoptDriftSchema } from "@/lib/schemas/drift";
import { appMetricsSchema } from "@/lib/dto/app-metrics";
import { projectDetailSchema, projectListSchema, projectSummarySchema } from "@/lib/dto/project";
import { registryChangeSchema, registryListSchema } from "@/lib/dto/registry";
import { registryCreateSchema, registryUpdateSchema } from "@/lib/schemas/registry";
import { appSpecSchema, deployBodySchema, hostnameSpecSchema, rollbackSchema, scaleSchema, volumeSpecSchema } from "@/lib/schemas/app";
import { projectCreateSchema, projectDeleteSchema, projectUpdateSchema } from "@/lib/schemas/project";
import { loginSchema } from "@/lib/schemas/session";
import { logsDownloadQuery } from "@/lib/ws-protocol";
import { sampleLoadSchema } from "@/lib/dto/sample";
import { secretEnvValuesSchema, statusBoardSchema } from "@/lib/dto/status-board";
import { BACKUP_ROUTE_DOCS } from "@/server/http/openapi/backup-route-docs";
import { DATABASE_ROUTE_DOCS } from "@/server/http/openapi/database-route-docs";
import { PROJECT_FILE_ROUTE_DOCS } from "@/server/http/openapi/project-file-route-docs";
import { TEMPLATE_ROUTE_DOCS } from "@/server/http/openapi/template-route-docs";
import { applyYamlQuerySchema, appYamlQuerySchema } from "@/server/yaml/yaml-route-schemas";
import { auditQuerySchema, createTokenSchema, tokenIdParamsSchema } from "@/lib/schemas/token";
import {
  apiTokenListSchema,
  auditPageSchema,
  clusterInfoSchema,
  createdApiTokenSchema,
  sessionInfoSchema,
} from "@/server/http/openapi/foundation-schemas";
import {
  appParamsSchema,
  deleteAppQuerySchema,
  hostnameParamsSchema,
  operationParamsSchema,
  projectParamsSchema,
  registryParamsSchema,
  removeHostnameQuerySchema,
  taskParamsSchema,
  volumeParamsSchema,
  waitQuerySchema,
} from "@/server/http/project-api/route-schemas";

/**
 * One entry per method of every route under app/api, built from the same zod schemas the route
 * handlers validate with. A test compares this list with the route files on disk.
 */
export type RouteDoc = {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** OpenAPI path template, e.g. `/api/projects/{project}`. */
  path: string;
  summary: string;
  tag: string;
  /** "public": no credentials; otherwise the least role that may call it. */
  access: "public" | "viewer" | "admin";
  /** A deploy token may call it too, for the apps in its scope (the project list: showing only those). */
  deployToken?: true;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  bodyDescription?: string;
  /** Default application/json. */
  bodyMediaType?: string;
  /** Success answers by status; a null schema means no body. */
  responses: Record<number, { description: string; schema: z.ZodType | null; mediaType?: string }>;
};

const APP = "/api/projects/{project}/apps/{app}";
const ok = (schema: z.ZodType, description = "OK") => ({ 200: { description, schema } });
const queued = {
  202: { description: "Queued or running: poll /api/projects/{project}/operations/{id}, or send ?wait=true.", schema: operationAcceptedSchema },
  200: { description: "Finished (with ?wait=true): the operation and revision with their outcome.", schema: operationAcceptedSchema },
};

const REGISTRIES = "/api/projects/{project}/registries";

function registryUpdate(method: "PUT" | "PATCH"): RouteDoc {
  return {
    method,
    path: `${REGISTRIES}/{server}`,
    summary: "Change a registry login's username and/or password; pods pick it up at their next pull.",
    tag: "projects",
    access: "admin",
    params: registryParamsSchema,
    body: registryUpdateSchema,
    responses: ok(registryChangeSchema),
  };
}

function appAction(verb: string, summary: string, body?: z.ZodType): RouteDoc {
  return { method: "POST", path: `${APP}/${verb}`, summary, tag: "apps", access: "admin", params: appParamsSchema, query: waitQuerySchema, body, responses: queued };
}

/** Answers whose DTO is a TypeScript interface (lib/yaml/yaml-dto.ts): described as an object, named in the description. */
const described = (type: string) => ({ 200: { description: `A ${type} (see lib/yaml/yaml-dto.ts).`, schema: z.looseObject({}) } });

export const ROUTE_DOCS: RouteDoc[] = [
  { method: "GET", path: "/api/session", summary: "Who is signed in, with which role, until when.", tag: "auth", access: "viewer", responses: ok(sessionInfoSchema) },
  { method: "POST", path: "/api/session", summary: "Sign in: exchange a Berth token for a session cookie.", tag: "auth", access: "public", body: loginSchema, responses: ok(sessionInfoSchema, "Signed in; the answer sets the berth_session cookie.") },
  { method: "DELETE", path: "/api/session", summary: "Sign out: end this session and clear the cookie.", tag: "auth", access: "viewer", responses: { 204: { description: "Signed out.", schema: null } } },
  { method: "GET", path: "/api/tokens", summary: "API tokens (all for an admin, a viewer's own for a viewer).", tag: "auth", access: "viewer", responses: ok(apiTokenListSchema) },
  { method: "POST", path: "/api/tokens", summary: "Create an API token; its value is in this answer only.", tag: "auth", access: "admin", body: createTokenSchema, responses: { 201: { description: "Created.", schema: createdApiTokenSchema } } },
  { method: "DELETE", path: "/api/tokens/{id}", summary: "Revoke a token and end the sessions it opened.", tag: "auth", access: "admin", params: tokenIdParamsSchema, responses: ok(apiTokenListSchema.shape.tokens.element) },
  { method: "GET", path: "/api/audit", summary: "The audit log, newest first (cursor: ?before=<id>).", tag: "auth", access: "admin", query: auditQuerySchema, responses: ok(auditPageSchema) },
  { method: "GET", path: "/api/cluster", summary: "Which cluster Berth is connected to and whether it answers.", tag: "cluster", access: "viewer", responses: ok(clusterInfoSchema) },
  {
    method: "POST",
    path: "/api/demo/sample",
    summary: "Demo mode only: load the sample project (a web app, a worker and an app whose image does not exist), deployed; 409 on a real cluster.",
    tag: "cluster",
    access: "admin",
    responses: { 201: { description: "Loaded; the first deploys are queued.", schema: sampleLoadSchema }, 200: { description: "Already there; nothing changed.", schema: sampleLoadSchema } },
  },
  { method: "GET", path: "/api/cluster/schemas", summary: "The connected cluster's JSON Schemas for the YAML editor (ETag; 304 when unchanged).", tag: "cluster", access: "viewer", responses: { 200: { description: "{ gitVersion, source, key, kinds, schema }.", schema: z.looseObject({}) }, 304: { description: "Not modified.", schema: null } } },
  { method: "GET", path: "/api/status", summary: "Every app and database of every project with its status, and the latest deploys (who, when, outcome), for the status page and the overview (one request).", tag: "status", access: "viewer", responses: ok(statusBoardSchema) },
  { method: "GET", path: "/api/yaml/live", summary: "An app's live objects as one multi-document YAML (Secret values hidden).", tag: "yaml", access: "viewer", query: appYamlQuerySchema, responses: described("LiveYamlAnswer") },
  { method: "GET", path: "/api/yaml/rendered", summary: "The manifests Berth rendered for the app's current revision.", tag: "yaml", access: "viewer", query: appYamlQuerySchema, responses: described("RenderedYamlAnswer") },
  {
    method: "POST",
    path: "/api/yaml/dry-run",
    summary: "Server-side dry run of a YAML body in ?project=: errors at their lines, conflicts, and the diff.",
    tag: "yaml",
    access: "viewer",
    query: applyYamlQuerySchema,
    body: z.string(),
    bodyMediaType: "application/yaml",
    responses: described("YamlApplyResult"),
  },
  {
    method: "POST",
    path: "/api/yaml/apply",
    summary: "Server-side apply of a YAML body in ?project= (field manager berth-editor).",
    tag: "yaml",
    access: "admin",
    query: applyYamlQuerySchema,
    body: z.string(),
    bodyMediaType: "application/yaml",
    responses: described("YamlApplyResult"),
  },
  { method: "GET", path: "/api/openapi.json", summary: "This document.", tag: "meta", access: "viewer", responses: { 200: { description: "The OpenAPI 3.1 document.", schema: null } } },

  { method: "GET", path: "/api/projects", summary: "Projects with their app counts and the health of their worst app (a deploy token: its scope only).", tag: "projects", access: "viewer", deployToken: true, responses: ok(projectListSchema) },
  { method: "POST", path: "/api/projects", summary: "Create a project (its Namespace appears with the first deploy).", tag: "projects", access: "admin", body: projectCreateSchema, responses: { 201: { description: "Created.", schema: projectSummarySchema } } },
  { method: "GET", path: "/api/projects/{project}", summary: "One project with its apps.", tag: "projects", access: "viewer", params: projectParamsSchema, responses: ok(projectDetailSchema) },
  { method: "PATCH", path: "/api/projects/{project}", summary: "Change the project's display name.", tag: "projects", access: "admin", params: projectParamsSchema, body: projectUpdateSchema, responses: ok(projectSummarySchema) },
  {
    method: "DELETE",
    path: "/api/projects/{project}",
    summary: "Delete a project, its Namespace and everything in it (data included).",
    tag: "projects",
    access: "admin",
    params: projectParamsSchema,
    query: waitQuerySchema,
    body: projectDeleteSchema,
    bodyDescription: 'The project\'s name typed again: `{ "confirm": "<name>" }`.',
    responses: queued,
  },

  {
    method: "GET",
    path: "/api/projects/{project}/operations/{id}",
    summary: "One queued operation (what a 202 answer returned), to poll; ?wait=true waits up to 60 s.",
    tag: "projects",
    access: "viewer",
    deployToken: true,
    params: operationParamsSchema,
    query: waitQuerySchema,
    responses: ok(operationSchema),
  },
  { method: "GET", path: REGISTRIES, summary: "The project's registry logins and the apps each is for (passwords are never returned).", tag: "projects", access: "viewer", params: projectParamsSchema, responses: ok(registryListSchema) },
  {
    method: "POST",
    path: REGISTRIES,
    summary: "Add a registry login: a kubernetes.io/dockerconfigjson Secret, and the deployed apps whose image is on that registry are redeployed with it as imagePullSecret.",
    tag: "projects",
    access: "admin",
    params: projectParamsSchema,
    body: registryCreateSchema,
    bodyDescription: "`server` is a host[:port] such as `ghcr.io` (Docker Hub's `index.docker.io` and `registry-1.docker.io` are stored as `docker.io`); `password` may be an access token.",
    responses: { 201: { description: "Saved; the Secret's operation and the redeploys.", schema: registryChangeSchema } },
  },
  registryUpdate("PUT"),
  registryUpdate("PATCH"),
  { method: "DELETE", path: `${REGISTRIES}/{server}`, summary: "Remove a registry login and its Secret; running pods keep running.", tag: "projects", access: "admin", params: registryParamsSchema, responses: ok(registryChangeSchema) },
  { method: "GET", path: "/api/projects/{project}/apps", summary: "The project's apps with their health.", tag: "apps", access: "viewer", params: projectParamsSchema, responses: ok(appListSchema) },
  { method: "POST", path: "/api/projects/{project}/apps", summary: "Create an app from its spec (deploy it to run it).", tag: "apps", access: "admin", params: projectParamsSchema, body: appSpecSchema, responses: { 201: { description: "Created.", schema: appDetailSchema } } },
  { method: "GET", path: APP, summary: "One app's spec (secret values left out).", tag: "apps", access: "viewer", params: appParamsSchema, responses: ok(appDetailSchema) },
  {
    method: "PUT",
    path: APP,
    summary: "Replace the app's spec; it reaches the cluster with the next deploy.",
    tag: "apps",
    access: "admin",
    params: appParamsSchema,
    body: appSpecSchema,
    bodyDescription: "The whole spec. A secretEnv entry without `value` keeps the stored value; the name cannot change.",
    responses: ok(appDetailSchema),
  },
  { method: "DELETE", path: APP, summary: "Delete the app's objects; its volumes only with ?deleteData=true.", tag: "apps", access: "admin", params: appParamsSchema, query: deleteAppQuerySchema, responses: queued },
  {
    ...appAction("deploy", "Deploy the app's spec as a new revision; with { image } set the image first, in the same revision (a CI job's deploy).", deployBodySchema),
    bodyDescription: "Optional. `image` replaces the spec's image and deploys it as one revision; leave the body out (or send {}) to deploy the spec as it is.",
    deployToken: true,
  },
  { ...appAction("rollback", "Roll back: a new revision with an earlier revision's spec.", rollbackSchema), deployToken: true },
  { ...appAction("restart", "Restart every pod (rollout restart) as a new revision."), deployToken: true },
  appAction("scale", "Set the number of replicas (0–50; 1 at most with a ReadWriteOnce volume).", scaleSchema),
  appAction("stop", "Scale to 0 replicas."),
  appAction("start", "Scale a stopped app back to the replicas it last ran with."),
  appAction("reapply", "Re-apply the current spec, taking back fields changed outside Berth (forced server-side apply)."),
  appAction("adopt", "Adopt the live values of fields changed outside Berth (replicas, image, env, resources) into the spec, then deploy it (forced server-side apply).", adoptDriftSchema),
  { method: "GET", path: `${APP}/drift`, summary: "Whether the app's objects were changed outside Berth since its last deploy.", tag: "apps", access: "viewer", params: appParamsSchema, responses: ok(appDriftSchema) },
  { method: "GET", path: `${APP}/secret-env`, summary: "The app's secret env values (admin; every reveal is audited).", tag: "apps", access: "admin", params: appParamsSchema, responses: ok(secretEnvValuesSchema) },
  { method: "GET", path: `${APP}/files`, summary: "The app's config files: plain ones with their text, secret ones with a checksum only.", tag: "apps", access: "viewer", params: appParamsSchema, responses: ok(appFileListSchema) },
  {
    method: "PUT",
    path: `${APP}/files`,
    summary: "Replace the app's config files (a secret file without content keeps its text); the next deploy mounts them and rolls the pods.",
    tag: "apps",
    access: "admin",
    params: appParamsSchema,
    body: putAppFilesSchema,
    responses: ok(appFileListSchema),
  },
  { method: "GET", path: `${APP}/files/reveal`, summary: "The text of the app's secret files (admin; every reveal is audited).", tag: "apps", access: "admin", params: appParamsSchema, responses: ok(secretFileContentsSchema) },
  { method: "GET", path: `${APP}/revisions`, summary: "The app's revisions, newest first.", tag: "apps", access: "viewer", deployToken: true, params: appParamsSchema, responses: ok(revisionListSchema) },
  { method: "GET", path: `${APP}/status`, summary: "Health, replicas, pods, events, volumes and URLs, with an explanation when something is wrong.", tag: "apps", access: "viewer", deployToken: true, params: appParamsSchema, responses: ok(appStatusSchema) },
  { method: "GET", path: `${APP}/metrics`, summary: "CPU and memory summed over the app's pods, the last ~30 samples taken while someone watches; available: false when the cluster has no metrics-server.", tag: "apps", access: "viewer", params: appParamsSchema, responses: ok(appMetricsSchema) },
  { method: "GET", path: `${APP}/hostnames`, summary: "The app's hostnames and their URLs.", tag: "apps", access: "viewer", params: appParamsSchema, responses: ok(hostnameListSchema) },
  { method: "POST", path: `${APP}/hostnames`, summary: "Add a hostname (an Ingress rule, with the next deploy).", tag: "apps", access: "admin", params: appParamsSchema, body: hostnameSpecSchema, responses: { 201: { description: "Added; the app's hostnames.", schema: hostnameListSchema } } },
  { method: "DELETE", path: `${APP}/hostnames/{host}`, summary: "Remove a host's rule for ?path= (default /); the next deploy prunes it.", tag: "apps", access: "admin", params: hostnameParamsSchema, query: removeHostnameQuerySchema, responses: ok(hostnameListSchema) },
  {
    method: "GET",
    path: `${APP}/logs/download`,
    summary: "The app's full log as a text file (live logs stream over the WebSocket).",
    tag: "apps",
    access: "viewer",
    deployToken: true,
    params: appParamsSchema,
    query: logsDownloadQuery,
    responses: { 200: { description: "The log, as an attachment.", schema: z.string(), mediaType: "text/plain" } },
  },
  { method: "GET", path: `${APP}/volumes`, summary: "The app's volumes and their claims.", tag: "apps", access: "viewer", params: appParamsSchema, responses: ok(volumeListSchema) },
  { method: "POST", path: `${APP}/volumes`, summary: "Add a volume (a PVC mounted into the app, with the next deploy).", tag: "apps", access: "admin", params: appParamsSchema, body: volumeSpecSchema, responses: { 201: { description: "Added; the app's volumes.", schema: volumeListSchema } } },
  { method: "DELETE", path: `${APP}/volumes/{volume}`, summary: "Stop mounting a volume; its claim (the data) stays.", tag: "apps", access: "admin", params: volumeParamsSchema, responses: ok(volumeListSchema) },
  ...DATABASE_ROUTE_DOCS,
  ...BACKUP_ROUTE_DOCS,
  ...TEMPLATE_ROUTE_DOCS,
  ...PROJECT_FILE_ROUTE_DOCS,
  { method: "GET", path: `${APP}/tasks`, summary: "The app's scheduled tasks: schedule in words, next three runs, last run, warnings.", tag: "apps", access: "viewer", params: appParamsSchema, responses: ok(taskListSchema) },
  { method: "POST", path: `${APP}/tasks`, summary: "Add a scheduled task (a CronJob running a command with the app's image, env and volumes, with the next deploy).", tag: "apps", access: "admin", params: appParamsSchema, body: taskSpecSchema, responses: { 201: { description: "Added; the app's tasks.", schema: taskListSchema } } },
  { method: "GET", path: `${APP}/tasks/{task}`, summary: "One scheduled task.", tag: "apps", access: "viewer", params: taskParamsSchema, responses: ok(taskViewSchema) },
  { method: "PATCH", path: `${APP}/tasks/{task}`, summary: "Change some of a task's fields (not its name; null clears a deadline), with the next deploy.", tag: "apps", access: "admin", params: taskParamsSchema, body: taskPatchSchema, responses: ok(taskViewSchema) },
  { method: "DELETE", path: `${APP}/tasks/{task}`, summary: "Remove a task; the next deploy deletes its CronJob and runs.", tag: "apps", access: "admin", params: taskParamsSchema, responses: ok(taskListSchema) },
  { method: "POST", path: `${APP}/tasks/{task}/run`, summary: "Run now: a Job from the task's CronJob, as kubectl create job --from makes it (409 before the task is deployed).", tag: "apps", access: "admin", params: taskParamsSchema, responses: { 201: { description: "Started; the run.", schema: taskRunSchema } } },
  { method: "GET", path: `${APP}/tasks/{task}/runs`, summary: "The task's runs the cluster keeps, newest first: start, duration, outcome, exit code, a sentence, and pods for their logs.", tag: "apps", access: "viewer", params: taskParamsSchema, responses: ok(taskRunListSchema) },
];

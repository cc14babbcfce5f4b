import { z } from "zod";
import { dnsLabel, hostname } from "@/lib/schemas/kube-validators";
import { registryServerSchema } from "@/lib/schemas/registry";
import { appParam, projectParam, templateParam } from "@/lib/schemas/route-params";
import { CRONJOB_NAME_MAX } from "@/lib/schemas/task";

/**
 * Path and query schemas of the project/app REST routes, shared by the route handlers and the
 * OpenAPI document, built from the one set of name rules in lib/schemas/route-params.ts.
 */

export const projectParamsSchema = z.object({ project: projectParam }).strict();
export const appParamsSchema = z.object({ project: projectParam, app: appParam }).strict();
export const hostnameParamsSchema = appParamsSchema.extend({ host: hostname }).strict();
export const operationParamsSchema = projectParamsSchema.extend({ id: z.string().min(1, { error: "expected an operation id" }).max(64, { error: "at most 64 characters" }) }).strict();
export const volumeParamsSchema = appParamsSchema.extend({ volume: dnsLabel() }).strict();
/** `…/registries/:server`: a host[:port], made canonical (`index.docker.io` finds the `docker.io` login). */
export const registryParamsSchema = projectParamsSchema.extend({ server: registryServerSchema }).strict();
/** `…/templates/:template`: the template to install into the project. */
export const templateParamsSchema = projectParamsSchema.extend({ template: templateParam }).strict();
export const taskParamsSchema = appParamsSchema.extend({ task: dnsLabel(CRONJOB_NAME_MAX) }).strict();

/** A `true`/`false` query flag, false when left out. */
export const flag = (what: string) =>
  z
    .enum(["true", "false"], { error: `expected true or false (${what})` })
    .optional()
    .transform((v) => v === "true");

/** `?wait=true`: answer once the operation has finished (bounded), for scripts and tests. */
export const waitQuerySchema = z.object({ wait: flag("wait for the operation to finish") }).strict();

/** `DELETE .../apps/:app?deleteData=true` also deletes the app's volumes (PVCs) — its data. */
export const deleteAppQuerySchema = waitQuerySchema.extend({ deleteData: flag("also delete the app's volumes and their data") }).strict();

/** `DELETE .../hostnames/:host?path=/api` removes one host+path rule; without `path`, the "/" rule. */
export const removeHostnameQuerySchema = z
  .object({
    path: z
      .string()
      .regex(/^\//, { error: "must start with /" })
      .optional(),
  })
  .strict();

/**
 * Body of `PUT .../apps/:app`: the whole spec. Read as any JSON object here and validated by
 * updateApp, because a secret env entry may leave out `value` to keep the stored one (clients
 * never see secret values, so they cannot send them back).
 */
export const appReplaceBodySchema = z.looseObject({}, { error: "expected the app spec as a JSON object" });

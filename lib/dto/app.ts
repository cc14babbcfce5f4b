import { z } from "zod";
import { storedAppSpecSchema } from "@/lib/schemas/app";
import { appHealthSchema } from "@/lib/dto/app-status";

/** An app as the project page lists it. */
export const appListItemSchema = z.object({
  name: z.string(),
  image: z.string(),
  replicas: z.number(),
  hosts: z.array(z.string()),
  /** No port: no Service, no URL. */
  isWorker: z.boolean(),
  /** null when the cluster could not be read. */
  health: appHealthSchema.nullable(),
  updatedAt: z.string(),
});
export type AppListItem = z.infer<typeof appListItemSchema>;

/** Answer of `GET /api/projects/:project/apps`. */
export const appListSchema = z.object({ apps: z.array(appListItemSchema) });
export type AppList = z.infer<typeof appListSchema>;

/**
 * One app: its spec as stored, with secret env values left out (names only — the values are
 * write-only and live in the Secret and the database).
 */
export const appDetailSchema = z.object({
  project: z.string(),
  name: z.string(),
  spec: storedAppSpecSchema,
  /** Bumped on every change of the spec. */
  specVersion: z.number(),
  /** When the app was last restarted (rollout restart), if ever. */
  restartedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AppDetail = z.infer<typeof appDetailSchema>;

/** superseded: a newer deploy was queued before this one finished, so it stopped. */
export const revisionOutcomeSchema = z.enum(["pending", "succeeded", "failed", "superseded"]);

/** One deploy of an app. */
export const revisionSchema = z.object({
  number: z.number(),
  outcome: revisionOutcomeSchema,
  /** How it finished, or why it failed (with the explanation of what to do). */
  message: z.string().nullable(),
  /** Who deployed it (user name); null for Berth itself. */
  actor: z.string().nullable(),
  /** The spec deployed (secret values left out); rollback re-applies it. */
  spec: storedAppSpecSchema,
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type Revision = z.infer<typeof revisionSchema>;

/** Answer of `GET .../revisions`: newest first. */
export const revisionListSchema = z.object({ revisions: z.array(revisionSchema) });
export type RevisionList = z.infer<typeof revisionListSchema>;

/** Queued work on an app or project (deploy, rollback, restart, scale, stop, start, delete-app, delete-project). */
export const operationSchema = z.object({
  id: z.string(),
  kind: z.string(),
  project: z.string(),
  app: z.string().nullable(),
  status: z.enum(["queued", "running", "succeeded", "failed", "superseded"]),
  attempts: z.number(),
  /** Why the last attempt failed (also set while a retry is pending). */
  error: z.string().nullable(),
  actor: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Operation = z.infer<typeof operationSchema>;

/**
 * Answer of every mutation that works on the cluster: 202 while queued or running, 200 once
 * finished (with `?wait=true`). `revision` is the revision a deploy-like operation made.
 */
export const operationAcceptedSchema = z.object({ operation: operationSchema, revision: revisionSchema.nullable() });
export type OperationAccepted = z.infer<typeof operationAcceptedSchema>;

/** One hostname of an app, with the URL it makes. */
export const hostnameSchema = z.object({
  host: z.string(),
  path: z.string(),
  port: z.number().nullable(),
  tlsSecretName: z.string().nullable(),
  url: z.string(),
});
export type Hostname = z.infer<typeof hostnameSchema>;
export const hostnameListSchema = z.object({ hostnames: z.array(hostnameSchema) });

/** One volume of an app, with the claim Berth makes for it. */
export const volumeSchema = z.object({
  name: z.string(),
  size: z.string(),
  mountPath: z.string(),
  accessMode: z.string(),
  storageClass: z.string().nullable(),
  /** The PersistentVolumeClaim's name in the project's namespace. */
  claimName: z.string(),
});
export type Volume = z.infer<typeof volumeSchema>;
export const volumeListSchema = z.object({ volumes: z.array(volumeSchema) });

/** Answer of `GET .../drift`: whether the cluster still matches what Berth last applied. */
export const appDriftSchema = z.object({
  drifted: z.boolean(),
  /** The revision compared against; null before the first deploy. */
  revision: z.number().nullable(),
  objects: z.array(
    z.object({
      kind: z.string(),
      name: z.string(),
      isMissing: z.boolean(),
      fields: z.array(z.object({ path: z.string(), expected: z.unknown(), actual: z.unknown(), manager: z.string().optional() })),
    }),
  ),
  /** One sentence for the UI, saying what changed and that re-apply restores it. */
  message: z.string(),
});
export type AppDrift = z.infer<typeof appDriftSchema>;

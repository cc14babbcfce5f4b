import { z } from "zod";
import { requiredOr, strictObject } from "@/lib/schemas/kube-validators";

/**
 * Who the app's process runs as, and who owns its volumes. Rendered into the pod's and the
 * container's securityContext. Ids are Linux uids/gids as the Kubernetes API accepts them
 * (0 to 2147483647).
 * https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
 */
const MAX_ID = 2147483647;

function linuxId(what: string) {
  return z
    .number({ error: requiredOr(`expected a ${what} id (a whole number, e.g. 1000)`) })
    .int({ error: `expected a whole ${what} id` })
    .min(0, { error: `a ${what} id must be between 0 and ${MAX_ID} (0 is root)` })
    .max(MAX_ID, { error: `a ${what} id must be between 0 and ${MAX_ID} (0 is root)` });
}

export const fsGroupChangePolicySchema = z.enum(["OnRootMismatch", "Always"], {
  error: 'expected "OnRootMismatch" (change ownership only when the volume\'s root does not match) or "Always"',
});

export const securityContextSchema = strictObject({
  /** The uid the process runs as; left out: the image's USER. 0 means root. */
  runAsUser: linuxId("user").optional(),
  /** The primary gid of the process; left out: the image's. */
  runAsGroup: linuxId("group").optional(),
  /** The group that owns the volumes (the kubelet chowns them to it): how postgres gets a data directory it may use. */
  fsGroup: linuxId("group").optional(),
  /** When the kubelet re-owns a volume; only meaningful with fsGroup. */
  fsGroupChangePolicy: fsGroupChangePolicySchema.optional(),
  /** The container's own filesystem is read-only; writable paths need a volume. */
  readOnlyRootFilesystem: z.boolean({ error: "expected true or false" }).optional(),
}).superRefine((sc, ctx) => {
  if (sc.fsGroupChangePolicy && sc.fsGroup === undefined) {
    ctx.addIssue({ code: "custom", path: ["fsGroupChangePolicy"], message: "fsGroupChangePolicy applies only with an fsGroup — set fsGroup or remove the policy" });
  }
});
export type SecurityContextSpec = z.output<typeof securityContextSchema>;

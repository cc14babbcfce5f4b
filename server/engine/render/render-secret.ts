import { createHash } from "node:crypto";
import type { Secret } from "kubernetes-types/core/v1";
import type { AppSpec } from "@/lib/schemas/app";
import { namespaceName, secretName } from "@/server/engine/names";
import { appLabels } from "@/server/engine/render/labels";
import type { RenderProject } from "@/server/engine/render/types";

/**
 * The Secret holding an app's secret env values (one key per variable), or undefined when the
 * app has none. Written as base64 `data`, not `stringData`: `stringData` is write-only and
 * never shows up in the live object, which would make server-side apply and drift checks see a
 * difference on every read.
 */
export function renderSecret(app: AppSpec, project: RenderProject): Secret | undefined {
  if (app.secretEnv.length === 0) return undefined;
  return {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: secretName(app.name), namespace: namespaceName(project.name), labels: appLabels(project.name, app.name) },
    type: "Opaque",
    data: Object.fromEntries(app.secretEnv.map(({ name, value }) => [name, Buffer.from(value, "utf8").toString("base64")])),
  };
}

/**
 * A short SHA-256 of the secret values, put on the pod template so changing a secret value
 * rolls the pods (env from a Secret is read only at container start). Truncated to 16 hex
 * digits; like Helm's `checksum/secret`, it is visible to whoever can read the Deployment.
 */
export function secretChecksum(app: AppSpec): string | undefined {
  if (app.secretEnv.length === 0) return undefined;
  const canonical = JSON.stringify([...app.secretEnv].sort((a, b) => (a.name < b.name ? -1 : 1)).map((v) => [v.name, v.value]));
  return createHash("sha256").update(canonical).digest("hex").slice(0, 16);
}

/** Reads secret env values back from a live Secret (restore-from-cluster). */
export function secretEnvFromSecret(secret: Pick<Secret, "data">): Array<{ name: string; value: string }> {
  return Object.entries(secret.data ?? {}).map(([name, value]) => ({ name, value: Buffer.from(value, "base64").toString("utf8") }));
}

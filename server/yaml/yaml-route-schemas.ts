/** Query schemas of the YAML routes (`/api/yaml/*`). */
import { z } from "zod";
import { appNameSchema } from "@/lib/schemas/app";
import { dnsLabel } from "@/lib/schemas/kube-validators";

const flag = (what: string) =>
  z
    .enum(["true", "false"], { error: `expected true or false (${what})` })
    .optional()
    .transform((v) => v === "true");

export const appYamlQuerySchema = z.object({ project: dnsLabel(), app: appNameSchema, full: flag("include managedFields and status") }).strict();

export const applyYamlQuerySchema = z
  .object({
    project: dnsLabel(),
    force: flag("take over fields another field manager owns"),
    allowOutsideProject: flag("confirm objects outside the project's namespace or cluster-scoped"),
  })
  .strict();

import { z } from "zod";
import { strictObject } from "@/lib/schemas/kube-validators";

/** The fields of a Deployment the app spec models, which Adopt can take into the spec. */
export const MODELLED_FIELDS = ["replicas", "image", "env", "resources"] as const;
export type ModelledField = (typeof MODELLED_FIELDS)[number];

/** Body of `POST …/apps/:app/adopt`: which drifted fields to adopt; left out, all of them. */
export const adoptDriftSchema = strictObject({
  fields: z
    .array(z.enum(MODELLED_FIELDS, { error: 'expected "replicas", "image", "env" or "resources"' }), { error: 'expected a list of fields, e.g. ["replicas"]' })
    .min(1, { error: "name at least one field, or leave fields out to adopt every drifted field" })
    .optional(),
}).optional();
export type AdoptDriftBody = z.infer<typeof adoptDriftSchema>;

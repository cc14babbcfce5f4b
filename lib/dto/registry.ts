import { z } from "zod";

/** A project's registry login as the API shows it: never the password. */
export const registryCredentialSchema = z.object({
  /** Canonical registry host[:port] ("docker.io" for Docker Hub). */
  server: z.string(),
  username: z.string(),
  /** The `kubernetes.io/dockerconfigjson` Secret in the project's namespace. */
  secretName: z.string(),
  /** Apps whose image is pulled from this registry (they get the Secret as an imagePullSecret). */
  usedBy: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type RegistryCredential = z.infer<typeof registryCredentialSchema>;

/** Answer of `GET /api/projects/:project/registries`. */
export const registryListSchema = z.object({ registries: z.array(registryCredentialSchema) });
export type RegistryList = z.infer<typeof registryListSchema>;

/**
 * Answer of a change: the credential (absent after a delete), the operation that writes its
 * Secret, and the apps redeployed so their pods carry the pull secret.
 */
export const registryChangeSchema = z.object({
  registry: registryCredentialSchema.optional(),
  operation: z.object({ id: z.string(), status: z.string() }),
  redeployed: z.array(z.object({ app: z.string(), revision: z.number() })),
  /** A sentence for the user about what happens to the apps. */
  message: z.string(),
});
export type RegistryChange = z.infer<typeof registryChangeSchema>;

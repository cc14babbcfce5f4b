import { z } from "zod";
import { parseImageReference } from "@/lib/schemas/image-reference";
import { requiredOr, strictObject } from "@/lib/schemas/kube-validators";

/**
 * Registry credentials of a project, and the one rule that says which images they are for.
 * Shared by the route handlers, the settings form and the renderer.
 *
 * Docker Hub answers to three names (`docker.io` in image references, `index.docker.io` in
 * `docker login`'s config, `registry-1.docker.io` as the API host); they are one registry, stored
 * and matched as `docker.io`. An image without a registry host is a Docker Hub image.
 */
export const DOCKER_HUB = "docker.io";
const DOCKER_HUB_ALIASES = new Set(["docker.io", "index.docker.io", "registry-1.docker.io"]);

const HOST_COMPONENT = "(?:[a-z0-9]|[a-z0-9][a-z0-9-]*[a-z0-9])";
const HOST_PORT = new RegExp(`^${HOST_COMPONENT}(?:\\.${HOST_COMPONENT})*(?::([0-9]{1,5}))?$`);

/** Docker Hub's aliases become `docker.io`; other hosts are lowercased (hosts are case-insensitive). */
export function canonicalRegistry(host: string): string {
  const lower = host.toLowerCase();
  return DOCKER_HUB_ALIASES.has(lower) ? DOCKER_HUB : lower;
}

/** The registry an image is pulled from, canonical (see {@link canonicalRegistry}); undefined for an unparsable image. */
export function registryOfImage(image: string): string | undefined {
  const parsed = parseImageReference(image);
  if (!parsed.ok) return undefined;
  return canonicalRegistry(parsed.value.domain ?? DOCKER_HUB);
}

/** Why `value` is not a registry host[:port], or undefined when it is one. */
export function registryServerProblem(value: string): string | undefined {
  if (value.length === 0) return 'must not be empty — e.g. "ghcr.io" or "registry.example.com:5000"';
  if (/^[a-z]+:\/\//i.test(value)) return `write the host only, without "${value.split("//")[0]}//" — e.g. "${value.replace(/^[a-z]+:\/\//i, "").split("/")[0]}"`;
  if (value.includes("/")) return `write the host only, without a path — e.g. "${value.split("/")[0]}"`;
  if (value.length > 253) return "must be at most 253 characters";
  const match = HOST_PORT.exec(value.toLowerCase());
  if (!match) return 'must be a host name with an optional port, e.g. "ghcr.io" or "registry.example.com:5000"';
  if (match[1] !== undefined && (Number(match[1]) < 1 || Number(match[1]) > 65535)) return "has a port that must be between 1 and 65535";
  return undefined;
}

/** A registry server as typed by a user: checked, then made canonical (`index.docker.io` → `docker.io`). */
export const registryServerSchema = z
  .string({ error: requiredOr('expected a registry host such as "ghcr.io"') })
  .trim()
  .superRefine((value, ctx) => {
    const problem = registryServerProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  })
  .transform(canonicalRegistry);

const usernameSchema = z
  .string({ error: requiredOr("expected the user name the registry knows you by") })
  .min(1, { error: "must not be empty" })
  .max(255, { error: "at most 255 characters" })
  .refine((v) => !v.includes(":"), { error: "must not contain ':' (the registry login format cannot carry it)" });

const passwordSchema = z
  .string({ error: requiredOr("expected the password or access token") })
  .min(1, { error: "must not be empty — paste the password or access token" })
  .max(4096, { error: "at most 4096 characters" });

/** Body of `POST /api/projects/:project/registries`. */
export const registryCreateSchema = strictObject({ server: registryServerSchema, username: usernameSchema, password: passwordSchema });
export type RegistryCreate = z.infer<typeof registryCreateSchema>;

/** Body of `PUT`/`PATCH …/registries/:server`: the fields to change (the server is the path). */
export const registryUpdateSchema = strictObject({ username: usernameSchema.optional(), password: passwordSchema.optional() }).refine(
  (v) => v.username !== undefined || v.password !== undefined,
  { error: "give a new username, password, or both" },
);
export type RegistryUpdate = z.infer<typeof registryUpdateSchema>;

/**
 * Bearer-token authentication and the users the simulator knows: an admin that may do
 * everything, a viewer that may only read, users whose tokens were issued with RBAC rules
 * (`Sim.issueToken`), who may do what the rules allow, and — for a request with no credentials
 * at all — `system:anonymous`, which may do nothing (kube-apiserver's default
 * --anonymous-auth=true: a 403, not a 401). A wrong token is a 401. Messages copy
 * kube-apiserver's RBAC wording.
 */
import type { IncomingMessage } from "node:http";
import { SimError } from "@/server/sim/contract";
import { qualifiedResource } from "@/server/sim/kinds/kind-registry";
import { rulesAllow, type PolicyRule } from "@/server/sim/http/rbac";

export interface SimUser {
  name: string;
  readOnly: boolean;
  /** When set, RBAC decides: only what these rules allow. */
  rules?: readonly PolicyRule[];
  anonymous?: boolean;
}

export const ANONYMOUS: SimUser = { name: "system:anonymous", readOnly: true, anonymous: true };

export interface SimTokens {
  adminToken: string;
  readOnlyToken: string;
  /** Tokens issued for a user bound to RBAC rules. */
  ruleTokens: Map<string, { user: string; rules: readonly PolicyRule[] }>;
}

export function authenticate(req: IncomingMessage, tokens: SimTokens): SimUser {
  const header = req.headers.authorization ?? "";
  if (!header) return ANONYMOUS;
  const token = header.startsWith("Bearer ") ? header.slice(7).trim() : "";
  if (token && token === tokens.adminToken) return { name: "sim-admin", readOnly: false };
  if (token && token === tokens.readOnlyToken) return { name: "sim-viewer", readOnly: true };
  const bound = token ? tokens.ruleTokens.get(token) : undefined;
  if (bound) return { name: bound.user, readOnly: false, rules: bound.rules };
  throw new SimError(401, "Unauthorized", "Unauthorized");
}

const READ_VERBS = new Set(["get", "list", "watch"]);

export interface AuthorizeTarget {
  group: string;
  plural: string;
  subresource?: string;
  namespace?: string;
  name?: string;
}

function isAllowed(user: SimUser, verb: string, target: AuthorizeTarget): boolean {
  if (user.rules) return rulesAllow(user.rules, { verb, ...target });
  return !user.readOnly || (READ_VERBS.has(verb) && !user.anonymous);
}

/**
 * The check server-side apply makes when its patch would create the object: `create` on top of
 * the request's `patch`. Its refusal carries the authorizer's reason, which RBAC leaves empty,
 * hence the bare `cronjobs.batch "nightly" is forbidden: ` (apiserver handlers' withAuthorization).
 */
export function authorizeCreateOnPatch(user: SimUser, target: AuthorizeTarget & { name: string }): void {
  if (isAllowed(user, "create", target)) return;
  throw new SimError(403, "Forbidden", `${qualifiedResource(target)} "${target.name}" is forbidden: `, { name: target.name, group: target.group, kind: target.plural });
}

/** 403 with the real RBAC sentence, e.g. `pods is forbidden: User "sim-viewer" cannot create resource "pods" in API group "" in the namespace "default"`. */
export function authorize(user: SimUser, verb: string, target: AuthorizeTarget): void {
  if (isAllowed(user, verb, target)) return;
  const resource = target.subresource ? `${target.plural}/${target.subresource}` : target.plural;
  const subject = target.name ? `${qualifiedResource(target)} "${target.name}"` : qualifiedResource(target);
  const scope = target.namespace ? ` in the namespace "${target.namespace}"` : " at the cluster scope";
  throw new SimError(403, "Forbidden", `${subject} is forbidden: User "${user.name}" cannot ${verb} resource "${resource}" in API group "${target.group}"${scope}`, {
    ...(target.name ? { name: target.name } : {}),
    ...(target.group ? { group: target.group } : {}),
    kind: target.plural,
  });
}

/** Non-resource URLs (discovery, OpenAPI) are for authenticated users only. */
export function authorizePath(user: SimUser, path: string): void {
  if (user.anonymous) throw new SimError(403, "Forbidden", `forbidden: User "${user.name}" cannot get path "${path}"`, {});
}

/**
 * Bearer-token authentication and the users the simulator knows: an admin that may do
 * everything, a viewer that may only read, and — for a request with no credentials at all —
 * `system:anonymous`, which may do nothing (kube-apiserver's default --anonymous-auth=true: a
 * 403, not a 401). A wrong token is a 401. Messages copy kube-apiserver's RBAC wording.
 */
import type { IncomingMessage } from "node:http";
import { SimError } from "@/server/sim/contract";
import { qualifiedResource } from "@/server/sim/kinds/kind-registry";

export interface SimUser {
  name: string;
  readOnly: boolean;
  anonymous?: boolean;
}

export const ANONYMOUS: SimUser = { name: "system:anonymous", readOnly: true, anonymous: true };

export interface SimTokens {
  adminToken: string;
  readOnlyToken: string;
}

export function authenticate(req: IncomingMessage, tokens: SimTokens): SimUser {
  const header = req.headers.authorization ?? "";
  if (!header) return ANONYMOUS;
  const token = header.startsWith("Bearer ") ? header.slice(7).trim() : "";
  if (token && token === tokens.adminToken) return { name: "sim-admin", readOnly: false };
  if (token && token === tokens.readOnlyToken) return { name: "sim-viewer", readOnly: true };
  throw new SimError(401, "Unauthorized", "Unauthorized");
}

const READ_VERBS = new Set(["get", "list", "watch"]);

/** 403 with the real RBAC sentence, e.g. `pods is forbidden: User "sim-viewer" cannot create resource "pods" in API group "" in the namespace "default"`. */
export function authorize(user: SimUser, verb: string, target: { group: string; plural: string; subresource?: string; namespace?: string; name?: string }): void {
  if (!user.readOnly || (READ_VERBS.has(verb) && !user.anonymous)) return;
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

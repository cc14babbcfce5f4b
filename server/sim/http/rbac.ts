/**
 * RBAC for tokens that opt into it: a token bound to a ClusterRole's rules (e.g. Berth's own,
 * from deploy/berth.yaml) may do only what a rule allows, as kube-apiserver's RBAC authorizer
 * decides it. Other tokens keep the admin / read-only behaviour of authenticate.ts.
 * https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-resources
 */
import { parseAllDocuments } from "yaml";

/** One `rules[]` entry of a Role or ClusterRole (resource rules only). */
export interface PolicyRule {
  apiGroups?: string[];
  resources?: string[];
  verbs: string[];
  resourceNames?: string[];
}

export interface RequestAttributes {
  verb: string;
  group: string;
  plural: string;
  subresource?: string;
  name?: string;
}

const matches = (list: string[] | undefined, value: string) => (list ?? []).some((item) => item === "*" || item === value);

/** Whether any rule allows the request: group, resource (with `/subresource`), verb and, if listed, the name. */
export function rulesAllow(rules: readonly PolicyRule[], request: RequestAttributes): boolean {
  const resource = request.subresource ? `${request.plural}/${request.subresource}` : request.plural;
  return rules.some(
    (rule) =>
      matches(rule.verbs, request.verb) &&
      matches(rule.apiGroups, request.group) &&
      matches(rule.resources, resource) &&
      (!rule.resourceNames?.length || (request.name !== undefined && rule.resourceNames.includes(request.name))),
  );
}

/** The rules of the ClusterRole called `name` in a multi-document manifest such as deploy/berth.yaml. */
export function clusterRoleRules(manifest: string, name: string): PolicyRule[] {
  for (const doc of parseAllDocuments(manifest)) {
    const value = doc.toJS() as { kind?: string; metadata?: { name?: string }; rules?: PolicyRule[] } | null;
    if (value?.kind === "ClusterRole" && value.metadata?.name === name) return value.rules ?? [];
  }
  throw new Error(`no ClusterRole "${name}" in the manifest`);
}

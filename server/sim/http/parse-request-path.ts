/**
 * Splits a resource URL the way kube-apiserver's RequestInfoFactory does:
 * /api/v1/namespaces/{ns}/pods/{name}/{subresource}, /apis/{group}/{version}/{plural},
 * and the legacy /watch/ prefix.
 */
import { KINDS, type KindDescriptor } from "@/server/sim/kinds/kind-registry";

export interface ResourceRequest {
  kind: KindDescriptor;
  namespace?: string;
  name?: string;
  subresource?: string;
  legacyWatch: boolean;
}

export type ParsedPath =
  | { type: "resource"; request: ResourceRequest }
  | { type: "unknown-resource"; group: string; version: string; plural: string }
  | { type: "other" };

export function parseRequestPath(pathname: string): ParsedPath {
  const parts = pathname.split("/").filter(Boolean).map(decodeURIComponent);
  let group: string;
  let version: string;
  let rest: string[];
  if (parts[0] === "api" && parts.length >= 3) {
    group = "";
    version = parts[1];
    rest = parts.slice(2);
  } else if (parts[0] === "apis" && parts.length >= 4) {
    group = parts[1];
    version = parts[2];
    rest = parts.slice(3);
  } else {
    return { type: "other" };
  }
  let legacyWatch = false;
  if (rest[0] === "watch") {
    legacyWatch = true;
    rest = rest.slice(1);
  }
  let namespace: string | undefined;
  // "namespaces/{ns}/{plural}..." is namespaced; "namespaces" or "namespaces/{name}[/status]" is the Namespace kind itself.
  if (rest[0] === "namespaces" && rest.length >= 3 && !(rest.length === 3 && ["status", "finalize"].includes(rest[2]))) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [plural, name, subresource] = rest;
  const kind = KINDS.find((k) => k.group === group && k.version === version && k.plural === plural);
  if (!kind) return { type: "unknown-resource", group, version, plural: plural ?? "" };
  if (rest.length > 3) return { type: "other" };
  return { type: "resource", request: { kind, namespace: kind.namespaced ? namespace : undefined, name, subresource, legacyWatch } };
}

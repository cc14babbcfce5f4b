/**
 * Discovery documents (/version, /api, /api/v1, /apis, /apis/{group}[/{version}]) in the legacy
 * JSON form. kubectl asks for aggregated discovery (apidiscovery.k8s.io/v2) first but falls back
 * to these when the response's Content-Type is plain application/json, as with older servers.
 */
import { apiVersionOf, groupVersions, KINDS, verbsOf, type KindDescriptor } from "@/server/sim/kinds/kind-registry";
import { SIM_GIT_VERSION } from "@/server/sim/openapi/openapi-documents";

export function versionInfo() {
  return {
    major: "1",
    minor: "32",
    gitVersion: SIM_GIT_VERSION,
    gitCommit: "0000000000000000000000000000000000000000",
    gitTreeState: "clean",
    buildDate: "2025-03-11T19:52:21Z",
    goVersion: "go1.23.6",
    compiler: "gc",
    platform: "linux/amd64",
  };
}

export function apiVersions(serverAddress: string) {
  return { kind: "APIVersions", versions: ["v1"], serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress }] };
}

function groupEntry(group: string) {
  const versions = groupVersions().filter((gv) => gv.group === group).map((gv) => ({ groupVersion: `${group}/${gv.version}`, version: gv.version }));
  return { name: group, versions, preferredVersion: versions[0] };
}

export function apiGroupList() {
  const groups = [...new Set(groupVersions().map((gv) => gv.group).filter(Boolean))];
  return { kind: "APIGroupList", apiVersion: "v1", groups: groups.map(groupEntry) };
}

export function apiGroup(group: string) {
  if (!KINDS.some((k) => k.group === group && group)) return undefined;
  return { kind: "APIGroup", apiVersion: "v1", ...groupEntry(group) };
}

function subresourceEntries(k: KindDescriptor) {
  return (k.subresources ?? []).map((sub) => {
    const base = { name: `${k.plural}/${sub}`, singularName: "", namespaced: k.namespaced };
    switch (sub) {
      case "scale":
        return { ...base, group: "autoscaling", version: "v1", kind: "Scale", verbs: ["get", "patch", "update"] };
      case "log":
        return { ...base, kind: "Pod", verbs: ["get"] };
      case "exec":
        return { ...base, kind: "PodExecOptions", verbs: ["create", "get"] };
      default:
        return { ...base, kind: k.kind, verbs: ["get", "patch", "update"] };
    }
  });
}

export function apiResourceList(group: string, version: string) {
  const kinds = KINDS.filter((k) => k.group === group && k.version === version);
  if (kinds.length === 0) return undefined;
  const resources = kinds.flatMap((k) => [
    {
      name: k.plural,
      singularName: k.singular,
      namespaced: k.namespaced,
      kind: k.kind,
      verbs: verbsOf(k),
      ...(k.shortNames ? { shortNames: k.shortNames } : {}),
      ...(k.categories ? { categories: k.categories } : {}),
    },
    ...subresourceEntries(k),
  ]);
  return { kind: "APIResourceList", apiVersion: "v1", groupVersion: apiVersionOf({ group, version }), resources };
}

import { describe, expect, it } from "vitest";
import { findFieldPosition, parseFieldPath } from "@/lib/yaml/field-path-position";
import { parseYamlSafely } from "@/lib/yaml/parse-yaml-safely";

const TEXT = `apiVersion: v1
kind: ConfigMap
metadata:
  name: first
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app.kubernetes.io/name: web
spec:
  replicas: -1
  template:
    spec:
      containers:
        - name: sidecar
          image: busybox
        - name: web
          image: nginx
`;

function positionOf(path: string, documentIndex = 1) {
  const parsed = parseYamlSafely(TEXT);
  if (!parsed.ok) throw new Error("fixture does not parse");
  return findFieldPosition(parsed.documents[documentIndex].doc, parsed.lineCounter, path);
}

describe("parseFieldPath", () => {
  it("reads keys, indexes, bracketed keys and selectors", () => {
    expect(parseFieldPath(".spec.containers[1].image")).toEqual([{ key: "spec" }, { key: "containers" }, { index: 1 }, { key: "image" }]);
    expect(parseFieldPath("metadata.labels[app.kubernetes.io/name]")).toEqual([{ key: "metadata" }, { key: "labels" }, { key: "app.kubernetes.io/name" }]);
    expect(parseFieldPath('spec.containers[name="web"].image')).toEqual([{ key: "spec" }, { key: "containers" }, { match: { field: "name", value: "web" } }, { key: "image" }]);
  });
});

describe("findFieldPosition", () => {
  it("maps API field paths to the line of that field in the right document", () => {
    expect(positionOf("spec.replicas")).toMatchObject({ line: 13, column: 3, exact: true });
    expect(positionOf(".spec.template.spec.containers[1].image")).toMatchObject({ line: 20, exact: true });
    expect(positionOf('spec.template.spec.containers[name="sidecar"].image')).toMatchObject({ line: 18, exact: true });
    expect(positionOf("metadata.labels[app.kubernetes.io/name]")).toMatchObject({ line: 11, exact: true });
    expect(positionOf("metadata.name", 0)).toMatchObject({ line: 4, exact: true });
  });

  it("falls back to the deepest existing parent for a missing field", () => {
    expect(positionOf("spec.template.spec.containers[0].resources.limits")).toMatchObject({ line: 17, exact: false });
    expect(positionOf("status.replicas")).toBeUndefined();
  });
});

/**
 * Reads the Kubernetes model definitions that @kubernetes/client-node generates from the
 * upstream OpenAPI spec (v1.34): property names, JSON types and formats from each model's
 * `attributeTypeMap`, and descriptions and required-ness from its declaration file, where the
 * generator copies the upstream `description` text verbatim. No npm package ships the raw
 * upstream spec with descriptions (kubernetes-models ships compiled validators, kubernetes-types
 * only .d.ts, kubernetes-client a 1.13-era swagger), so this is the real source closest to hand,
 * and it is already a runtime dependency.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import * as k8s from "@kubernetes/client-node";

export interface ModelProperty {
  name: string;
  /** The generator's type string: "string", "number", "Array<V1Container>", "{ [key: string]: string; }", "IntOrString", "Date", "any". */
  type: string;
  format: string;
  description?: string;
  required: boolean;
}

export interface ModelDefinition {
  className: string;
  description?: string;
  properties: ModelProperty[];
}

const modelsDir = path.join(path.dirname(createRequire(import.meta.url).resolve("@kubernetes/client-node")), "gen", "models");
const cache = new Map<string, ModelDefinition | undefined>();

interface GeneratedModel {
  attributeTypeMap?: Array<{ name: string; baseName: string; type: string; format: string }>;
}

/** The model named `className` (e.g. "V1DeploymentSpec"), or undefined if client-node has none. */
export function loadModel(className: string): ModelDefinition | undefined {
  if (cache.has(className)) return cache.get(className);
  const cls = (k8s as unknown as Record<string, GeneratedModel | undefined>)[className];
  const attrs = cls?.attributeTypeMap;
  if (!attrs) {
    cache.set(className, undefined);
    return undefined;
  }
  const docs = readDocs(className);
  const def: ModelDefinition = {
    className,
    description: docs.classDescription,
    properties: attrs.map((a) => ({
      name: a.baseName,
      type: a.type,
      format: a.format,
      description: docs.props.get(a.name)?.description,
      required: docs.props.get(a.name)?.required ?? false,
    })),
  };
  cache.set(className, def);
  return def;
}

function readDocs(className: string): { classDescription?: string; props: Map<string, { description?: string; required: boolean }> } {
  const props = new Map<string, { description?: string; required: boolean }>();
  let text: string;
  try {
    text = readFileSync(path.join(modelsDir, `${className}.d.ts`), "utf8");
  } catch {
    return { props };
  }
  const classMatch = text.match(/\/\*\*\n((?:\s*\*.*\n)*?)\s*\*\/\nexport declare class/);
  const classDescription = classMatch ? cleanComment(classMatch[1]) : undefined;
  const propRe = /(?:\/\*\*\n((?:[ \t]*\*.*\n)*?)[ \t]*\*\/\n)?[ \t]*'([^']+)'(\??):/g;
  for (const m of text.matchAll(propRe)) props.set(m[2], { description: m[1] ? cleanComment(m[1]) : undefined, required: m[3] !== "?" });
  return { classDescription, props };
}

function cleanComment(block: string): string {
  return block
    .split("\n")
    .map((l) => l.replace(/^\s*\* ?/, ""))
    .join("\n")
    .trim()
    .replace(/\\(['"`])/g, "$1");
}

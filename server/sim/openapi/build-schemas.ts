/**
 * Turns client-node's models into OpenAPI schemas named like the upstream spec
 * (io.k8s.api.apps.v1.Deployment, io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta), with the
 * vendor extensions kubectl and the API server rely on: x-kubernetes-group-version-kind on
 * each kind, and x-kubernetes-patch-merge-key / list-map-keys on the associative lists
 * (values copied from the upstream spec for the lists strategic merge and apply must key).
 */
import { apiVersionOf, KINDS, type KindDescriptor } from "@/server/sim/kinds/kind-registry";
import { loadModel, type ModelProperty } from "@/server/sim/openapi/load-client-models";

export interface JsonSchema {
  type?: string;
  format?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: JsonSchema;
  items?: JsonSchema;
  required?: string[];
  $ref?: string;
  [ext: `x-${string}`]: unknown;
}

/** Associative lists (upstream `x-kubernetes-patch-merge-key`), keyed by "ModelClass.property". */
export const MERGE_KEYS: Record<string, string> = {
  "V1PodSpec.containers": "name",
  "V1PodSpec.initContainers": "name",
  "V1PodSpec.ephemeralContainers": "name",
  "V1PodSpec.volumes": "name",
  "V1PodSpec.imagePullSecrets": "name",
  "V1PodSpec.hostAliases": "ip",
  "V1Container.env": "name",
  "V1Container.ports": "containerPort",
  "V1Container.volumeMounts": "mountPath",
  "V1Container.volumeDevices": "devicePath",
  "V1ServiceSpec.ports": "port",
  "V1ObjectMeta.ownerReferences": "uid",
  "V1PodStatus.conditions": "type",
  "V1DeploymentStatus.conditions": "type",
  "V1ReplicaSetStatus.conditions": "type",
  "V1StatefulSetStatus.conditions": "type",
  "V1NodeStatus.conditions": "type",
  "V1NodeStatus.addresses": "type",
  "V1ServiceAccount.secrets": "name",
};

const META_CLASSES = new Set([
  "V1ObjectMeta", "V1ListMeta", "V1LabelSelector", "V1LabelSelectorRequirement", "V1ManagedFieldsEntry",
  "V1OwnerReference", "V1Condition", "V1Status", "V1StatusDetails", "V1StatusCause", "V1DeleteOptions", "V1Preconditions",
]);

const GROUP_PACKAGE: Record<string, string> = {
  "": "io.k8s.api.core",
  apps: "io.k8s.api.apps",
  batch: "io.k8s.api.batch",
  "networking.k8s.io": "io.k8s.api.networking",
  "storage.k8s.io": "io.k8s.api.storage",
  "rbac.authorization.k8s.io": "io.k8s.api.rbac",
};

export interface SchemaSet {
  /** Upstream-style definition name → schema (refs point at #/components/schemas/). */
  schemas: Map<string, JsonSchema>;
  /** client-node class → definition name. */
  nameOf: Map<string, string>;
  /** Kinds' definition names, by kind descriptor. */
  kindSchemaName: Map<KindDescriptor, string>;
}

let built: SchemaSet | undefined;

/** Builds (once per process) the schemas for every served kind and everything they reference. */
export function schemaSet(): SchemaSet {
  if (built) return built;
  const schemas = new Map<string, JsonSchema>();
  const nameOf = new Map<string, string>();
  const kindSchemaName = new Map<KindDescriptor, string>();
  const queue: Array<{ cls: string; pkg: string }> = [];
  const enqueue = (cls: string, pkg: string): string => {
    const existing = nameOf.get(cls);
    if (existing) return existing;
    const local = cls.replace(/^(?:Core|Events|Storage|Discovery)?V\d+(?:alpha\d+|beta\d+)?/, "");
    const name = META_CLASSES.has(cls) ? `io.k8s.apimachinery.pkg.apis.meta.v1.${local}` : `${pkg}.${local}`;
    nameOf.set(cls, name);
    queue.push({ cls, pkg });
    return name;
  };
  for (const kind of KINDS) {
    if (!kind.modelClass) continue;
    const pkg = `${GROUP_PACKAGE[kind.group]}.${kind.version}`;
    kindSchemaName.set(kind, enqueue(kind.modelClass, pkg));
    enqueue(`${kind.modelClass}List`, pkg);
  }
  while (queue.length > 0) {
    const { cls, pkg } = queue.shift()!;
    const model = loadModel(cls);
    if (!model) continue;
    const schema: JsonSchema = { type: "object", properties: {} };
    if (model.description) schema.description = model.description;
    const required = model.properties.filter((p) => p.required).map((p) => p.name);
    if (required.length) schema.required = required;
    for (const prop of model.properties) schema.properties![prop.name] = propertySchema(prop, cls, (c) => enqueue(c, pkg));
    schemas.set(nameOf.get(cls)!, schema);
  }
  for (const [kind, name] of kindSchemaName) {
    const gvk = [{ group: kind.group, kind: kind.kind, version: kind.version }];
    schemas.get(name)!["x-kubernetes-group-version-kind"] = gvk;
    const listName = nameOf.get(`${kind.modelClass}List`);
    if (listName && schemas.has(listName)) schemas.get(listName)!["x-kubernetes-group-version-kind"] = [{ ...gvk[0], kind: `${kind.kind}List` }];
  }
  schemas.set("io.k8s.apimachinery.pkg.util.intstr.IntOrString", {
    type: "string",
    format: "int-or-string",
    description: "IntOrString is a type that can hold an int32 or a string.  When used in JSON or YAML marshalling and unmarshalling, it produces or consumes the inner type.  This allows you to have, for example, a JSON field that can accept a name or number.",
  });
  // Event.eventTime's type: without it the reference dangles, and kubectl's OpenAPI v2 parser
  // (explain, client-side validation) rejects the whole document.
  schemas.set("io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime", {
    type: "string",
    format: "date-time",
    description: "MicroTime is version of Time with microsecond level precision.",
  });
  built = { schemas, nameOf, kindSchemaName };
  return built;
}

function propertySchema(prop: ModelProperty, owner: string, ref: (cls: string) => string): JsonSchema {
  const schema = typeSchema(prop.type, prop.format, ref);
  if (prop.description) schema.description = prop.description;
  const key = MERGE_KEYS[`${owner}.${prop.name}`];
  if (key) {
    schema["x-kubernetes-patch-merge-key"] = key;
    schema["x-kubernetes-patch-strategy"] = "merge";
    schema["x-kubernetes-list-type"] = "map";
    schema["x-kubernetes-list-map-keys"] = [key];
  }
  return schema;
}

function typeSchema(type: string, format: string, ref: (cls: string) => string): JsonSchema {
  const array = type.match(/^Array<(.+)>$/);
  if (array) return { type: "array", items: typeSchema(array[1], "", ref) };
  const map = type.match(/^\{ \[key: string\]: (.+); \}$/);
  if (map) return { type: "object", additionalProperties: typeSchema(map[1], "", ref) };
  switch (type) {
    case "string":
      return format ? { type: "string", format } : { type: "string" };
    case "number":
      return format === "int32" || format === "int64" ? { type: "integer", format } : { type: "number", format: format || "double" };
    case "boolean":
      return { type: "boolean" };
    case "Date":
      return { type: "string", format: "date-time" };
    case "IntOrString":
      return { $ref: "#/components/schemas/io.k8s.apimachinery.pkg.util.intstr.IntOrString" };
    case "V1MicroTime":
      return { $ref: "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime" };
    case "any":
    case "object":
      return { type: "object", "x-kubernetes-preserve-unknown-fields": true };
    default:
      return { $ref: `#/components/schemas/${ref(type)}` };
  }
}

/** The schema of a served kind, for validation (undefined for kinds without a model, e.g. metrics). */
export function kindSchema(apiVersion: string, kind: string): JsonSchema | undefined {
  const set = schemaSet();
  for (const [desc, name] of set.kindSchemaName) if (apiVersionOf(desc) === apiVersion && desc.kind === kind) return set.schemas.get(name);
  return undefined;
}

/** Follows a `#/components/schemas/…` reference. */
export function resolveRef(schema: JsonSchema): JsonSchema {
  if (!schema.$ref) return schema;
  return schemaSet().schemas.get(schema.$ref.replace("#/components/schemas/", "")) ?? {};
}

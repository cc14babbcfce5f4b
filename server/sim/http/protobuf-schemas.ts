/**
 * Field numbers of the Kubernetes protobuf messages kubectl's imperative commands send
 * (`kubectl create namespace|configmap|secret|serviceaccount|deployment|service|job|cronjob`,
 * including `create job --from=cronjob/…`), copied from
 * k8s.io/api's generated.proto. Only these messages are decodable; anything else is a 415.
 * Pointer fields (`ptr`) keep zero values; other zero values mean "unset", as in Go's JSON.
 */
export type FieldType = "string" | "int" | "bool" | "bytes" | "time" | "quantity" | "intorstring" | { message: string } | { mapOf: "string" | "bytes" | "quantity" };

export interface FieldSpec {
  name: string;
  type: FieldType;
  repeated?: boolean;
  ptr?: boolean;
}

const f = (name: string, type: FieldType, opts: { repeated?: boolean; ptr?: boolean } = {}): FieldSpec => ({ name, type, ...opts });
const msg = (message: string) => ({ message });

export const MESSAGES: Record<string, Record<number, FieldSpec>> = {
  TypeMeta: { 1: f("apiVersion", "string"), 2: f("kind", "string") },
  ObjectMeta: {
    1: f("name", "string"), 2: f("generateName", "string"), 3: f("namespace", "string"), 4: f("selfLink", "string"), 5: f("uid", "string"),
    6: f("resourceVersion", "string"), 7: f("generation", "int"), 8: f("creationTimestamp", "time"), 9: f("deletionTimestamp", "time"),
    10: f("deletionGracePeriodSeconds", "int", { ptr: true }), 11: f("labels", { mapOf: "string" }), 12: f("annotations", { mapOf: "string" }),
    13: f("ownerReferences", msg("OwnerReference"), { repeated: true }), 14: f("finalizers", "string", { repeated: true }),
  },
  OwnerReference: { 1: f("kind", "string"), 3: f("name", "string"), 4: f("uid", "string"), 5: f("apiVersion", "string"), 6: f("controller", "bool", { ptr: true }), 7: f("blockOwnerDeletion", "bool", { ptr: true }) },
  Namespace: { 1: f("metadata", msg("ObjectMeta")), 2: f("spec", msg("NamespaceSpec")), 3: f("status", msg("Empty")) },
  NamespaceSpec: { 1: f("finalizers", "string", { repeated: true }) },
  ConfigMap: { 1: f("metadata", msg("ObjectMeta")), 2: f("data", { mapOf: "string" }), 3: f("binaryData", { mapOf: "bytes" }), 4: f("immutable", "bool", { ptr: true }) },
  Secret: { 1: f("metadata", msg("ObjectMeta")), 2: f("data", { mapOf: "bytes" }), 3: f("type", "string"), 4: f("stringData", { mapOf: "string" }), 5: f("immutable", "bool", { ptr: true }) },
  ServiceAccount: { 1: f("metadata", msg("ObjectMeta")), 2: f("secrets", msg("ObjectReference"), { repeated: true }), 3: f("imagePullSecrets", msg("LocalObjectReference"), { repeated: true }), 4: f("automountServiceAccountToken", "bool", { ptr: true }) },
  ObjectReference: { 1: f("kind", "string"), 2: f("namespace", "string"), 3: f("name", "string"), 4: f("uid", "string"), 5: f("apiVersion", "string"), 6: f("resourceVersion", "string"), 7: f("fieldPath", "string") },
  LocalObjectReference: { 1: f("name", "string") },
  Service: { 1: f("metadata", msg("ObjectMeta")), 2: f("spec", msg("ServiceSpec")), 3: f("status", msg("Empty")) },
  ServiceSpec: {
    1: f("ports", msg("ServicePort"), { repeated: true }), 2: f("selector", { mapOf: "string" }), 3: f("clusterIP", "string"), 4: f("type", "string"),
    5: f("externalIPs", "string", { repeated: true }), 7: f("sessionAffinity", "string"), 8: f("loadBalancerIP", "string"), 11: f("externalName", "string"),
  },
  ServicePort: { 1: f("name", "string"), 2: f("protocol", "string"), 3: f("port", "int"), 4: f("targetPort", "intorstring"), 5: f("nodePort", "int") },
  Deployment: { 1: f("metadata", msg("ObjectMeta")), 2: f("spec", msg("DeploymentSpec")), 3: f("status", msg("Empty")) },
  DeploymentSpec: {
    1: f("replicas", "int", { ptr: true }), 2: f("selector", msg("LabelSelector")), 3: f("template", msg("PodTemplateSpec")), 4: f("strategy", msg("DeploymentStrategy")),
    5: f("minReadySeconds", "int"), 6: f("revisionHistoryLimit", "int", { ptr: true }), 7: f("paused", "bool"), 9: f("progressDeadlineSeconds", "int", { ptr: true }),
  },
  DeploymentStrategy: { 1: f("type", "string") },
  Job: { 1: f("metadata", msg("ObjectMeta")), 2: f("spec", msg("JobSpec")), 3: f("status", msg("Empty")) },
  JobSpec: {
    1: f("parallelism", "int", { ptr: true }), 2: f("completions", "int", { ptr: true }), 3: f("activeDeadlineSeconds", "int", { ptr: true }), 4: f("selector", msg("LabelSelector")),
    5: f("manualSelector", "bool", { ptr: true }), 6: f("template", msg("PodTemplateSpec")), 7: f("backoffLimit", "int", { ptr: true }), 8: f("ttlSecondsAfterFinished", "int", { ptr: true }),
    9: f("completionMode", "string", { ptr: true }), 10: f("suspend", "bool", { ptr: true }), 14: f("podReplacementPolicy", "string", { ptr: true }),
  },
  CronJob: { 1: f("metadata", msg("ObjectMeta")), 2: f("spec", msg("CronJobSpec")), 3: f("status", msg("Empty")) },
  CronJobSpec: {
    1: f("schedule", "string"), 2: f("startingDeadlineSeconds", "int", { ptr: true }), 3: f("concurrencyPolicy", "string"), 4: f("suspend", "bool", { ptr: true }), 5: f("jobTemplate", msg("JobTemplateSpec")),
    6: f("successfulJobsHistoryLimit", "int", { ptr: true }), 7: f("failedJobsHistoryLimit", "int", { ptr: true }), 8: f("timeZone", "string", { ptr: true }),
  },
  JobTemplateSpec: { 1: f("metadata", msg("ObjectMeta")), 2: f("spec", msg("JobSpec")) },
  LabelSelector: { 1: f("matchLabels", { mapOf: "string" }) },
  PodTemplateSpec: { 1: f("metadata", msg("ObjectMeta")), 2: f("spec", msg("PodSpec")) },
  PodSpec: {
    2: f("containers", msg("Container"), { repeated: true }), 3: f("restartPolicy", "string"), 4: f("terminationGracePeriodSeconds", "int", { ptr: true }),
    6: f("dnsPolicy", "string"), 7: f("nodeSelector", { mapOf: "string" }), 8: f("serviceAccountName", "string"), 10: f("nodeName", "string"), 19: f("schedulerName", "string"),
  },
  Container: {
    1: f("name", "string"), 2: f("image", "string"), 3: f("command", "string", { repeated: true }), 4: f("args", "string", { repeated: true }), 5: f("workingDir", "string"),
    6: f("ports", msg("ContainerPort"), { repeated: true }), 7: f("env", msg("EnvVar"), { repeated: true }), 8: f("resources", msg("ResourceRequirements")),
    13: f("terminationMessagePath", "string"), 14: f("imagePullPolicy", "string"), 16: f("stdin", "bool"), 17: f("stdinOnce", "bool"), 18: f("tty", "bool"), 20: f("terminationMessagePolicy", "string"),
  },
  ContainerPort: { 1: f("name", "string"), 2: f("hostPort", "int"), 3: f("containerPort", "int"), 4: f("protocol", "string"), 5: f("hostIP", "string") },
  EnvVar: { 1: f("name", "string"), 2: f("value", "string") },
  ResourceRequirements: { 1: f("limits", { mapOf: "quantity" }), 2: f("requests", { mapOf: "quantity" }) },
  Empty: {},
};

/** Which message decodes each apiVersion/kind. */
export const ROOT_MESSAGES: Record<string, string> = {
  "v1/Namespace": "Namespace",
  "v1/ConfigMap": "ConfigMap",
  "v1/Secret": "Secret",
  "v1/ServiceAccount": "ServiceAccount",
  "v1/Service": "Service",
  "apps/v1/Deployment": "Deployment",
  "batch/v1/Job": "Job",
  "batch/v1/CronJob": "CronJob",
};

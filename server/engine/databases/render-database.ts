/**
 * Everything a database needs in the cluster, in apply order: Namespace, credentials Secret,
 * its data claim, the StatefulSet, a headless Service (the StatefulSet's `serviceName`, stable
 * pod DNS) and the ClusterIP Service apps connect to. Pure, like server/engine/render.
 *
 * The claim is rendered beside the StatefulSet's `volumeClaimTemplates` under the name the
 * controller would give it (`data-<name>-0`): a StatefulSet's claim templates are immutable
 * after creation, so growing the database is a change to that claim, never to the template.
 * https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#volume-claim-templates
 */
import { createHash } from "node:crypto";
import type { StatefulSet } from "kubernetes-types/apps/v1";
import type { EnvVar, Namespace, PersistentVolumeClaim, Secret, Service } from "kubernetes-types/core/v1";
import type { DatabaseSpec } from "@/lib/schemas/database";
import { credentialEntries } from "@/server/engine/databases/credentials";
import { databaseLabels, databaseSelector } from "@/server/engine/databases/database-labels";
import { credentialsSecretName, dataClaimName, headlessServiceName, DATA_CLAIM_TEMPLATE } from "@/server/engine/databases/database-names";
import { ANNOTATION_DATA_ENGINE, ANNOTATION_DATA_VERSION } from "@/server/engine/databases/kept-volume";
import { DATABASE_FS_GROUP, DATABASE_RESOURCES, ENGINES, imageOf } from "@/server/engine/databases/engines";
import { ANNOTATION_SECRET_CHECKSUM, ANNOTATION_SPEC, ANNOTATION_SPEC_VERSION } from "@/server/engine/render/labels";
import { renderNamespace } from "@/server/engine/render/render-namespace";
import { canonicalJson, SPEC_ANNOTATION_VERSION } from "@/server/engine/render/spec-annotation";
import type { RenderProject } from "@/server/engine/render/types";

export interface DatabaseCredentials {
  password: string;
  /** MySQL and MariaDB only. */
  rootPassword: string | null;
}

export interface RenderDatabaseInput {
  spec: DatabaseSpec;
  credentials: DatabaseCredentials;
  /** The size the claim template was created with (immutable since). */
  claimSize: string;
}

export type DatabaseObject = Namespace | Secret | PersistentVolumeClaim | StatefulSet | Service;

export function renderDatabase(input: RenderDatabaseInput, project: RenderProject): DatabaseObject[] {
  return [
    renderNamespace(project),
    renderCredentialsSecret(input, project),
    renderDataClaim(input.spec, project),
    renderStatefulSet(input, project),
    renderHeadlessService(input.spec, project),
    renderDatabaseService(input.spec, project),
  ];
}

const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

/** A short SHA-256 of the credentials, on the pod templates that read them: a new password rolls them. */
export function credentialsChecksum(credentials: DatabaseCredentials): string {
  return createHash("sha256").update(JSON.stringify([credentials.password, credentials.rootPassword])).digest("hex").slice(0, 16);
}

export function renderCredentialsSecret({ spec, credentials }: RenderDatabaseInput, project: RenderProject): Secret {
  const entries = credentialEntries({ name: spec.name, engine: spec.engine, namespace: project.name }, credentials);
  return {
    apiVersion: "v1",
    kind: "Secret",
    metadata: {
      name: credentialsSecretName(spec.name),
      namespace: project.name,
      labels: databaseLabels(project.name, spec.name),
      // Outlives the StatefulSet with the claim when the data is kept (kept-volume.ts).
      annotations: { [ANNOTATION_DATA_ENGINE]: spec.engine, [ANNOTATION_DATA_VERSION]: spec.version },
    },
    type: "Opaque",
    data: Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, b64(v)])),
  };
}

function claimSpec(size: string): PersistentVolumeClaim["spec"] {
  return { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: size } } };
}

export function renderDataClaim(spec: DatabaseSpec, project: RenderProject): PersistentVolumeClaim {
  return {
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    // The labels the StatefulSet controller gives the claims it makes: the template's and the selector's.
    metadata: { name: dataClaimName(spec.name), namespace: project.name, labels: databaseLabels(project.name, spec.name) },
    spec: claimSpec(spec.size),
  };
}

function envOf(spec: DatabaseSpec): EnvVar[] {
  return ENGINES[spec.engine].env.map((e) =>
    "value" in e ? { name: e.name, value: e.value } : { name: e.name, valueFrom: { secretKeyRef: { name: credentialsSecretName(spec.name), key: e.key } } },
  );
}

export function renderStatefulSet({ spec, credentials, claimSize }: RenderDatabaseInput, project: RenderProject): StatefulSet {
  const engine = ENGINES[spec.engine];
  const labels = databaseLabels(project.name, spec.name);
  return {
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: {
      name: spec.name,
      namespace: project.name,
      labels,
      annotations: { [ANNOTATION_SPEC]: encodeDatabaseSpec(spec), [ANNOTATION_SPEC_VERSION]: SPEC_ANNOTATION_VERSION },
    },
    spec: {
      replicas: 1,
      serviceName: headlessServiceName(spec.name),
      selector: { matchLabels: databaseSelector(project.name, spec.name) },
      updateStrategy: { type: "RollingUpdate" },
      template: {
        metadata: { labels, annotations: { [ANNOTATION_SECRET_CHECKSUM]: credentialsChecksum(credentials) } },
        spec: {
          securityContext: { fsGroup: DATABASE_FS_GROUP },
          // Databases flush on SIGTERM; the default 30 s can cut a large checkpoint short.
          terminationGracePeriodSeconds: 60,
          containers: [
            {
              name: spec.engine,
              image: imageOf(spec.engine, spec.version),
              ...(engine.args ? { args: [...engine.args] } : {}),
              ports: [{ name: engine.scheme, containerPort: engine.port, protocol: "TCP" }],
              env: envOf(spec),
              readinessProbe: { exec: { command: [...engine.readiness] }, initialDelaySeconds: 5, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 6 },
              resources: { requests: { ...DATABASE_RESOURCES.requests }, limits: { ...DATABASE_RESOURCES.limits } },
              volumeMounts: [{ name: DATA_CLAIM_TEMPLATE, mountPath: engine.dataPath }],
            },
          ],
        },
      },
      volumeClaimTemplates: [{ apiVersion: "v1", kind: "PersistentVolumeClaim", metadata: { name: DATA_CLAIM_TEMPLATE, labels }, spec: claimSpec(claimSize) }],
    },
  };
}

function servicePorts(spec: DatabaseSpec) {
  const engine = ENGINES[spec.engine];
  return [{ name: engine.scheme, port: engine.port, targetPort: engine.port, protocol: "TCP" }];
}

export function renderHeadlessService(spec: DatabaseSpec, project: RenderProject): Service {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: headlessServiceName(spec.name), namespace: project.name, labels: databaseLabels(project.name, spec.name) },
    spec: { clusterIP: "None", selector: databaseSelector(project.name, spec.name), ports: servicePorts(spec) },
  };
}

/** What apps connect to; a NodePort only when the user turned it on (it opens the port on every node). */
export function renderDatabaseService(spec: DatabaseSpec, project: RenderProject): Service {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: spec.name, namespace: project.name, labels: databaseLabels(project.name, spec.name) },
    spec: { type: spec.nodePort ? "NodePort" : "ClusterIP", selector: databaseSelector(project.name, spec.name), ports: servicePorts(spec) },
  };
}

/** The StatefulSet's `berth.dev/spec`: the database's spec, never its credentials. */
export function encodeDatabaseSpec(spec: DatabaseSpec): string {
  return canonicalJson({ name: spec.name, engine: spec.engine, version: spec.version, size: spec.size, nodePort: spec.nodePort });
}

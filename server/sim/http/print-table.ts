/**
 * Server-side printing: the meta.k8s.io/v1 Table that `kubectl get` asks for, with the
 * columns kube-apiserver's printers use for each kind (pkg/printers/internalversion).
 */
import type { KubeObject } from "@/server/sim/contract";
import type { KindDescriptor } from "@/server/sim/kinds/kind-registry";
import { simClock } from "@/server/sim/controllers/sim-clock";

interface Column {
  name: string;
  type: string;
  format?: string;
  description: string;
  priority?: number;
  cell: (o: Any) => string | number;
}

// Objects here are arbitrary Kubernetes kinds; the printers read optional fields defensively.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

/** kubectl's HumanDuration: 45s, 2m30s, 17m, 5h3m, 3d4h, 120d. */
export function humanDuration(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 0) return "0s";
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return s % 60 === 0 ? `${m}m` : `${m}m${s % 60}s`;
  if (m < 180) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 8) return m % 60 === 0 ? `${h}h` : `${h}h${m % 60}m`;
  if (h < 48) return `${h}h`;
  const d = Math.floor(h / 24);
  if (h < 24 * 8) return h % 24 === 0 ? `${d}d` : `${d}d${h % 24}h`;
  if (d < 365 * 2) return `${d}d`;
  return `${Math.floor(d / 365)}y`;
}

const since = (ts: string | undefined) => (ts ? humanDuration(simClock.now() - Date.parse(ts)) : "<unknown>");
const name: Column = { name: "Name", type: "string", format: "name", description: "Name must be unique within a namespace.", cell: (o) => o.metadata.name };
const age: Column = {
  name: "Age",
  type: "string",
  description: "CreationTimestamp is a timestamp representing the server time when this object was created.",
  cell: (o) => (o.metadata.creationTimestamp ? humanDuration(simClock.now() - Date.parse(o.metadata.creationTimestamp)) : "<unknown>"),
};
const col = (n: string, cell: Column["cell"], type = "string", priority = 0): Column => ({ name: n, type, description: n, priority, cell });

function podStatus(o: Any): string {
  if (o.metadata.deletionTimestamp) return "Terminating";
  for (const cs of o.status?.initContainerStatuses ?? []) if (cs.state?.waiting?.reason) return `Init:${cs.state.waiting.reason}`;
  let reason: string = o.status?.reason ?? o.status?.phase ?? "Pending";
  for (const cs of o.status?.containerStatuses ?? []) {
    if (cs.state?.waiting?.reason) reason = cs.state.waiting.reason;
    else if (cs.state?.terminated?.reason) reason = cs.state.terminated.reason;
  }
  return reason;
}

const COLUMNS: Record<string, Column[]> = {
  Pod: [
    name,
    col("Ready", (o) => `${(o.status?.containerStatuses ?? []).filter((c: Any) => c.ready).length}/${o.spec?.containers?.length ?? 0}`),
    col("Status", podStatus),
    col("Restarts", (o) => (o.status?.containerStatuses ?? []).reduce((n: number, c: Any) => n + (c.restartCount ?? 0), 0), "integer"),
    age,
    col("IP", (o) => o.status?.podIP ?? "<none>", "string", 1),
    col("Node", (o) => o.spec?.nodeName ?? "<none>", "string", 1),
  ],
  Deployment: [
    name,
    col("Ready", (o) => `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 1}`),
    col("Up-to-date", (o) => o.status?.updatedReplicas ?? 0, "integer"),
    col("Available", (o) => o.status?.availableReplicas ?? 0, "integer"),
    age,
    col("Containers", (o) => (o.spec?.template?.spec?.containers ?? []).map((c: Any) => c.name).join(","), "string", 1),
    col("Images", (o) => (o.spec?.template?.spec?.containers ?? []).map((c: Any) => c.image).join(","), "string", 1),
  ],
  ReplicaSet: [
    name,
    col("Desired", (o) => o.spec?.replicas ?? 1, "integer"),
    col("Current", (o) => o.status?.replicas ?? 0, "integer"),
    col("Ready", (o) => o.status?.readyReplicas ?? 0, "integer"),
    age,
  ],
  StatefulSet: [name, col("Ready", (o) => `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 1}`), age],
  Service: [
    name,
    col("Type", (o) => o.spec?.type ?? "ClusterIP"),
    col("Cluster-IP", (o) => o.spec?.clusterIP ?? "<none>"),
    col("External-IP", (o) => (o.status?.loadBalancer?.ingress ?? []).map((i: Any) => i.ip ?? i.hostname).join(",") || "<none>"),
    col("Port(s)", (o) => (o.spec?.ports ?? []).map((p: Any) => `${p.port}/${p.protocol ?? "TCP"}`).join(",") || "<none>"),
    age,
  ],
  Namespace: [name, col("Status", (o) => o.status?.phase ?? "Active"), age],
  Node: [
    name,
    col("Status", (o) => ((o.status?.conditions ?? []).some((c: Any) => c.type === "Ready" && c.status === "True") ? "Ready" : "NotReady")),
    col("Roles", (o) => Object.keys(o.metadata.labels ?? {}).filter((l) => l.startsWith("node-role.kubernetes.io/")).map((l) => l.split("/")[1]).join(",") || "<none>"),
    age,
    col("Version", (o) => o.status?.nodeInfo?.kubeletVersion ?? ""),
  ],
  PersistentVolumeClaim: [
    name,
    col("Status", (o) => o.status?.phase ?? "Pending"),
    col("Volume", (o) => o.spec?.volumeName ?? ""),
    col("Capacity", (o) => o.status?.capacity?.storage ?? ""),
    col("Access Modes", (o) => (o.status?.accessModes ?? []).map((m: string) => ({ ReadWriteOnce: "RWO", ReadOnlyMany: "ROX", ReadWriteMany: "RWX", ReadWriteOncePod: "RWOP" })[m] ?? m).join(",")),
    col("StorageClass", (o) => o.spec?.storageClassName ?? "<unset>"),
    age,
  ],
  Ingress: [
    name,
    col("Class", (o) => o.spec?.ingressClassName ?? "<none>"),
    col("Hosts", (o) => (o.spec?.rules ?? []).map((r: Any) => r.host ?? "*").join(",") || "*"),
    col("Address", (o) => (o.status?.loadBalancer?.ingress ?? []).map((i: Any) => i.ip ?? i.hostname).join(",")),
    col("Ports", () => "80"),
    age,
  ],
  ConfigMap: [name, col("Data", (o) => Object.keys(o.data ?? {}).length + Object.keys(o.binaryData ?? {}).length, "integer"), age],
  Secret: [name, col("Type", (o) => o.type ?? "Opaque"), col("Data", (o) => Object.keys(o.data ?? {}).length, "integer"), age],
  Event: [
    col("Last Seen", (o) => since(o.lastTimestamp ?? o.eventTime ?? o.metadata.creationTimestamp)),
    col("Type", (o) => o.type ?? ""),
    col("Reason", (o) => o.reason ?? ""),
    col("Object", (o) => `${String(o.involvedObject?.kind ?? "").toLowerCase()}/${o.involvedObject?.name ?? ""}`),
    col("Message", (o) => o.message ?? ""),
  ],
  ServiceAccount: [name, col("Secrets", (o) => (o.secrets ?? []).length, "integer"), age],
  Endpoints: [
    name,
    col("Endpoints", (o) => {
      const eps = (o.subsets ?? []).flatMap((s: Any) => (s.addresses ?? []).flatMap((a: Any) => (s.ports ?? [{ port: "" }]).map((p: Any) => `${a.ip}:${p.port}`)));
      return eps.length === 0 ? "<none>" : eps.length > 3 ? `${eps.slice(0, 3).join(",")} + ${eps.length - 3} more...` : eps.join(",");
    }),
    age,
  ],
  PersistentVolume: [
    name,
    col("Capacity", (o) => o.spec?.capacity?.storage ?? ""),
    col("Access Modes", (o) => (o.spec?.accessModes ?? []).map((m: string) => ({ ReadWriteOnce: "RWO", ReadOnlyMany: "ROX", ReadWriteMany: "RWX", ReadWriteOncePod: "RWOP" })[m] ?? m).join(",")),
    col("Reclaim Policy", (o) => o.spec?.persistentVolumeReclaimPolicy ?? "Retain"),
    col("Status", (o) => o.status?.phase ?? "Pending"),
    col("Claim", (o) => (o.spec?.claimRef ? `${o.spec.claimRef.namespace}/${o.spec.claimRef.name}` : "")),
    col("StorageClass", (o) => o.spec?.storageClassName ?? ""),
    age,
  ],
  StorageClass: [
    { ...name, cell: (o) => (o.metadata.annotations?.["storageclass.kubernetes.io/is-default-class"] === "true" ? `${o.metadata.name} (default)` : o.metadata.name) },
    col("Provisioner", (o) => o.provisioner ?? ""),
    col("ReclaimPolicy", (o) => o.reclaimPolicy ?? "Delete"),
    col("VolumeBindingMode", (o) => o.volumeBindingMode ?? "Immediate"),
    col("AllowVolumeExpansion", (o) => String(o.allowVolumeExpansion ?? false)),
    age,
  ],
  IngressClass: [name, col("Controller", (o) => o.spec?.controller ?? ""), col("Parameters", () => "<none>"), age],
  DaemonSet: [
    name,
    col("Desired", (o) => o.status?.desiredNumberScheduled ?? 0, "integer"),
    col("Current", (o) => o.status?.currentNumberScheduled ?? 0, "integer"),
    col("Ready", (o) => o.status?.numberReady ?? 0, "integer"),
    col("Up-to-date", (o) => o.status?.updatedNumberScheduled ?? 0, "integer"),
    col("Available", (o) => o.status?.numberAvailable ?? 0, "integer"),
    col("Node Selector", (o) => Object.entries(o.spec?.template?.spec?.nodeSelector ?? {}).map(([k, v]) => `${k}=${v}`).join(",") || "<none>"),
    age,
  ],
  CronJob: [
    name,
    col("Schedule", (o) => o.spec?.schedule ?? ""),
    col("Timezone", (o) => o.spec?.timeZone ?? "<none>"),
    col("Suspend", (o) => (o.spec?.suspend ? "True" : "False")),
    col("Active", (o) => (o.status?.active ?? []).length, "integer"),
    col("Last Schedule", (o) => (o.status?.lastScheduleTime ? since(o.status.lastScheduleTime) : "<none>")),
    age,
  ],
  Job: [name, col("Status", (o) => (o.status?.succeeded ? "Complete" : "Running")), col("Completions", (o) => `${o.status?.succeeded ?? 0}/${o.spec?.completions ?? 1}`), age],
};

export function toTable(kind: KindDescriptor, objects: KubeObject[], listMeta: Record<string, unknown>, includeObject: string | null) {
  const columns = COLUMNS[kind.kind] ?? [name, age];
  return {
    kind: "Table",
    apiVersion: "meta.k8s.io/v1",
    metadata: listMeta,
    columnDefinitions: columns.map((c) => ({ name: c.name, type: c.type, format: c.format ?? "", description: c.description, priority: c.priority ?? 0 })),
    rows: objects.map((o) => ({
      cells: columns.map((c) => c.cell(o)),
      object:
        includeObject === "None"
          ? undefined
          : includeObject === "Object"
            ? o
            : { kind: "PartialObjectMetadata", apiVersion: "meta.k8s.io/v1", metadata: o.metadata },
    })),
  };
}

/**
 * The objects a fresh k3s cluster starts with: the node `sim-node-1` (Ready), the default
 * StorageClass `local-path`, the default IngressClass `traefik`, the four system namespaces and
 * the `kubernetes` Service. Created only when missing, so a restart over a kept store is harmless.
 */
import type { KubeObject, ResourceRef, SimStore } from "@/server/sim/contract";
import { applyDefaults } from "@/server/sim/validate/apply-defaults";
import { KUBELET_VERSION, NODE_IP, NODE_NAME, R, nowIso } from "@/server/sim/controllers/resources";

export const NODE_CAPACITY = { cpu: "4", "ephemeral-storage": "61202244Ki", memory: "8029032Ki", pods: "110" };

function node(): KubeObject {
  const now = nowIso();
  const cond = (type: string, status: string, reason: string, message: string) => ({ type, status, lastHeartbeatTime: now, lastTransitionTime: now, reason, message });
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: {
      name: NODE_NAME,
      labels: {
        "beta.kubernetes.io/arch": "amd64", "beta.kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64", "kubernetes.io/hostname": NODE_NAME, "kubernetes.io/os": "linux",
        "node-role.kubernetes.io/control-plane": "true", "node-role.kubernetes.io/master": "true", "node.kubernetes.io/instance-type": "k3s",
      },
      annotations: { "k3s.io/node-args": '["server"]', "node.alpha.kubernetes.io/ttl": "0" },
    },
    spec: { podCIDR: "10.42.0.0/24", podCIDRs: ["10.42.0.0/24"], providerID: `k3s://${NODE_NAME}` },
    status: {
      capacity: NODE_CAPACITY,
      allocatable: NODE_CAPACITY,
      conditions: [
        cond("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
        cond("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
        cond("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
        cond("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
      ],
      addresses: [{ type: "InternalIP", address: NODE_IP }, { type: "Hostname", address: NODE_NAME }],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        machineID: "5f3c0e7a9b2d4c1e8f6a7b3c2d1e0f9a", systemUUID: "5f3c0e7a-9b2d-4c1e-8f6a-7b3c2d1e0f9a", bootID: "0b1c2d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e",
        kernelVersion: "6.1.0-28-amd64", osImage: "Debian GNU/Linux 12 (bookworm)", containerRuntimeVersion: "containerd://1.7.23-k3s2",
        kubeletVersion: KUBELET_VERSION, kubeProxyVersion: KUBELET_VERSION, operatingSystem: "linux", architecture: "amd64",
      },
      images: [],
    },
  };
}

const OBJECTS: Array<[ResourceRef, () => KubeObject]> = [
  ...["default", "kube-system", "kube-public", "kube-node-lease"].map((name): [ResourceRef, () => KubeObject] => [R.namespaces, () => applyDefaults({ apiVersion: "v1", kind: "Namespace", metadata: { name, labels: { "kubernetes.io/metadata.name": name } } })]),
  [R.nodes, node],
  [R.storageclasses, () => ({
    apiVersion: "storage.k8s.io/v1", kind: "StorageClass",
    metadata: { name: "local-path", annotations: { "storageclass.kubernetes.io/is-default-class": "true", "defaultVolumeType": "local" } },
    provisioner: "rancher.io/local-path", reclaimPolicy: "Delete", volumeBindingMode: "WaitForFirstConsumer",
  })],
  [R.ingressclasses, () => ({
    apiVersion: "networking.k8s.io/v1", kind: "IngressClass",
    metadata: { name: "traefik", annotations: { "ingressclass.kubernetes.io/is-default-class": "true" }, labels: { "app.kubernetes.io/name": "traefik" } },
    spec: { controller: "traefik.io/ingress-controller" },
  })],
  [R.services, () => applyDefaults({
    apiVersion: "v1", kind: "Service",
    metadata: { name: "kubernetes", namespace: "default", labels: { component: "apiserver", provider: "kubernetes" } },
    spec: { clusterIP: "10.43.0.1", clusterIPs: ["10.43.0.1"], ports: [{ name: "https", port: 443, protocol: "TCP", targetPort: 6443 }] },
  })],
];

export function createBootstrapObjects(store: SimStore): void {
  for (const [ref, make] of OBJECTS) {
    const obj = make();
    if (!store.get(ref, obj.metadata.namespace, obj.metadata.name)) store.create(ref, obj);
  }
}

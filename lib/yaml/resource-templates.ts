/**
 * Starting points for "New resource": the kinds people add by hand most often, already in the
 * project's namespace (Berth's namespace for a project is the project's name).
 */
export interface ResourceTemplate {
  id: string;
  label: string;
  yaml: (namespace: string) => string;
}

export const RESOURCE_TEMPLATES: ResourceTemplate[] = [
  {
    id: "configmap",
    label: "ConfigMap",
    yaml: (ns) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: my-config\n  namespace: ${ns}\ndata:\n  key: value\n`,
  },
  {
    id: "secret",
    label: "Secret",
    yaml: (ns) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: my-secret\n  namespace: ${ns}\ntype: Opaque\nstringData:\n  password: change-me\n`,
  },
  {
    id: "deployment",
    label: "Deployment",
    yaml: (ns) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: my-app\n  namespace: ${ns}\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: my-app\n  template:\n    metadata:\n      labels:\n        app: my-app\n    spec:\n      containers:\n        - name: my-app\n          image: nginx:1.27\n          ports:\n            - containerPort: 80\n`,
  },
  {
    id: "service",
    label: "Service",
    yaml: (ns) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: my-app\n  namespace: ${ns}\nspec:\n  selector:\n    app: my-app\n  ports:\n    - port: 80\n      targetPort: 80\n`,
  },
  {
    id: "ingress",
    label: "Ingress",
    yaml: (ns) =>
      `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: my-app\n  namespace: ${ns}\nspec:\n  rules:\n    - host: my-app.example.com\n      http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n                name: my-app\n                port:\n                  number: 80\n`,
  },
  {
    id: "pvc",
    label: "PersistentVolumeClaim",
    yaml: (ns) => `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: my-data\n  namespace: ${ns}\nspec:\n  accessModes:\n    - ReadWriteOnce\n  resources:\n    requests:\n      storage: 1Gi\n`,
  },
];

/**
 * A kubeconfig for the simulated cluster: https server URL with the sim's CA, bearer-token user,
 * current-context set — what kubectl and @kubernetes/client-node read.
 */
import { writeFile } from "node:fs/promises";
import { stringify } from "yaml";

export function kubeconfigYaml(server: string, caCert: string, token: string, user = "sim-admin"): string {
  return stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name: "sim", cluster: { server, "certificate-authority-data": Buffer.from(caCert).toString("base64") } }],
    users: [{ name: user, user: { token } }],
    contexts: [{ name: "sim", context: { cluster: "sim", user, namespace: "default" } }],
    "current-context": "sim",
    preferences: {},
  });
}

export async function writeKubeconfig(path: string, server: string, caCert: string, token: string, user?: string): Promise<void> {
  await writeFile(path, kubeconfigYaml(server, caCert, token, user), { mode: 0o600 });
}

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { KubeConfig } from "@kubernetes/client-node";

export type ClusterSource = "in-cluster" | "kubeconfig" | "sim" | "none";

export interface FoundCluster {
  source: ClusterSource;
  /** Where the configuration came from: a file path, or the service account directory. */
  origin?: string;
  kubeConfig?: KubeConfig;
}

const SERVICE_ACCOUNT_DIR = "/var/run/secrets/kubernetes.io/serviceaccount";

/**
 * Finds the cluster the way kubectl users expect: the in-cluster service account when Berth
 * runs in a pod, then the files named by KUBECONFIG (colon-separated, merged), then
 * ~/.kube/config. Returns source "none" when nothing is there, so Berth can still start and
 * tell the user how to connect one.
 */
export function findCluster(env: Record<string, string | undefined> = process.env): FoundCluster {
  if (env.KUBERNETES_SERVICE_HOST && fs.existsSync(path.join(SERVICE_ACCOUNT_DIR, "token"))) {
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromCluster();
    return { source: "in-cluster", origin: SERVICE_ACCOUNT_DIR, kubeConfig };
  }
  const files = (env.KUBECONFIG ?? "").split(path.delimiter).filter((file) => file && fs.existsSync(file));
  if (files.length > 0) return { source: "kubeconfig", origin: files.join(path.delimiter), kubeConfig: loadFiles(files) };
  const home = env.HOME ?? os.homedir();
  const defaultFile = path.join(home, ".kube", "config");
  if (fs.existsSync(defaultFile)) return { source: "kubeconfig", origin: defaultFile, kubeConfig: loadFiles([defaultFile]) };
  return { source: "none" };
}

/** Loads one or more kubeconfig files; the first file's current-context wins, as in kubectl. */
export function loadFiles(files: string[]): KubeConfig {
  const merged = new KubeConfig();
  merged.loadFromFile(files[0]);
  for (const file of files.slice(1)) {
    const next = new KubeConfig();
    next.loadFromFile(file);
    merged.mergeConfig(next, true);
  }
  return merged;
}

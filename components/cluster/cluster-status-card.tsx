"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import { ConnectClusterHelp } from "@/components/cluster/connect-cluster-help";
import { errorMessage } from "@/lib/api-client";
import { useCluster, type ClusterInfo, type ClusterSource } from "@/lib/queries/cluster";

const sourceLabels: Record<ClusterSource, string> = {
  "in-cluster": "In-cluster service account",
  kubeconfig: "Kubeconfig",
  sim: "Simulated cluster (demo)",
  none: "None",
};

function ClusterDetails({ cluster }: { cluster: ClusterInfo }) {
  const rows: Array<[string, string | undefined]> = [
    ["Found through", sourceLabels[cluster.source] ?? cluster.source],
    ["Context", cluster.context],
    ["API server", cluster.server],
    ["Kubernetes version", cluster.version],
  ];
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
      {rows
        .filter(([, value]) => value)
        .map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-fg-muted">{label}</dt>
            <dd className="min-w-0 break-all font-medium text-fg">{value}</dd>
          </div>
        ))}
    </dl>
  );
}

/** Where Berth's cluster is and whether it answers; when there is none, how to connect one. */
export function ClusterStatusCard() {
  const cluster = useCluster();

  return (
    <Card aria-labelledby="cluster-heading">
      <CardHeader
        headingId="cluster-heading"
        title="Cluster connection"
        actions={
          <Button variant="secondary" size="sm" onClick={() => void cluster.refetch()} isPending={cluster.isFetching}>
            Check again
          </Button>
        }
      />
      {cluster.isPending ? <Spinner label="Asking the cluster…" /> : null}
      {cluster.isError ? (
        <Alert tone="error" title="Berth could not report on its cluster">
          {errorMessage(cluster.error)}
        </Alert>
      ) : null}
      {cluster.data?.source === "none" ? (
        <div className="flex flex-col gap-4">
          <Alert tone="warning" title="No cluster connected">
            {cluster.data.message ?? "Berth is running, but it has no Kubernetes cluster to manage yet."}
          </Alert>
          <ConnectClusterHelp />
        </div>
      ) : null}
      {cluster.data && cluster.data.source !== "none" ? (
        <div className="flex flex-col gap-4">
          {cluster.data.reachable ? (
            <Alert tone="success" title="Connected">
              {cluster.data.message ?? "The cluster's API server answers."}
            </Alert>
          ) : (
            <Alert tone="error" title="Cluster unreachable">
              {cluster.data.message ?? "Berth found a cluster but its API server does not answer. Check that it is running and reachable from Berth."}
            </Alert>
          )}
          <ClusterDetails cluster={cluster.data} />
          {cluster.data.source === "sim" ? (
            <details className="rounded-md border border-border p-3">
              <summary className="cursor-pointer text-sm font-medium text-fg">
                This is the simulated cluster: nothing really runs. Connect a real one
              </summary>
              <div className="mt-3">
                <ConnectClusterHelp />
              </div>
            </details>
          ) : null}
        </div>
      ) : null}
    </Card>
  );
}

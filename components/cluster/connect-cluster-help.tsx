/** How to give Berth a cluster, in the order Berth looks for one (the same as kubectl). */
export function ConnectClusterHelp() {
  return (
    <div className="text-sm text-fg">
      <p>Berth looks for a cluster the way kubectl does, and uses the first it finds:</p>
      <ol className="mt-2 list-decimal space-y-1 pl-5">
        <li>
          <strong>Inside Kubernetes</strong>: install Berth with <code className="break-all font-mono">kubectl apply -f berth.yaml</code>; it
          uses its service account.
        </li>
        <li>
          <strong>KUBECONFIG</strong>: start Berth with <code className="break-all font-mono">KUBECONFIG=/path/to/kubeconfig npm start</code>.
        </li>
        <li>
          <strong>~/.kube/config</strong> of the user running Berth, e.g. copied from{" "}
          <code className="break-all font-mono">/etc/rancher/k3s/k3s.yaml</code> on a k3s server.
        </li>
      </ol>
      <p className="mt-2 text-fg-muted">Restart Berth after adding a kubeconfig; this page then shows the connection.</p>
    </div>
  );
}

/**
 * Shown on every page while Berth runs against its simulated cluster (demo mode), so nobody
 * mistakes a simulated rollout for a real one.
 */
export function DemoBanner() {
  return (
    <div
      role="status"
      className="border-b border-amber-300 bg-amber-100 px-4 py-1.5 text-center text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
    >
      <strong>Simulated cluster — nothing is really running.</strong>{" "}
      <span className="hidden sm:inline">Set KUBECONFIG or run Berth in your cluster to manage real workloads.</span>
    </div>
  );
}

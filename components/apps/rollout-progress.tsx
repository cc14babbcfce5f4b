import type { ReplicaCounts } from "@/lib/dto/app-status";

/** How far a rollout has come: replicas on the new spec and available, out of those desired. */
export function RolloutProgress({ replicas }: { replicas: ReplicaCounts }) {
  const done = Math.min(replicas.updated, replicas.available);
  const total = Math.max(replicas.desired, 1);
  return (
    <div className="flex flex-col gap-1">
      <div className="flex justify-between text-sm text-fg-muted">
        <span>Rolling out</span>
        <span>
          {done} of {replicas.desired} replicas updated and available
        </span>
      </div>
      <progress aria-label="Rollout progress" value={done} max={total} className="h-2 w-full overflow-hidden rounded-full accent-accent" />
    </div>
  );
}

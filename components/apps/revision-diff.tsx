import { diffSpecs } from "@/lib/apps/diff-specs";
import type { Revision } from "@/lib/dto/app";

const show = (value: unknown) => (value === undefined ? "—" : JSON.stringify(value));

/** What changed in the spec between two revisions, field by field. */
export function RevisionDiff({ from, to }: { from: Revision; to: Revision }) {
  const changes = diffSpecs(from.spec, to.spec);
  return (
    <section aria-label={`Changes from revision ${from.number} to ${to.number}`} className="flex flex-col gap-2">
      <h3 className="text-sm font-semibold text-fg">
        Revision {from.number} → {to.number}
      </h3>
      {changes.length === 0 ? (
        <p className="text-sm text-fg-muted">The two specs are the same (a redeploy or a restart).</p>
      ) : (
        <ul className="flex flex-col gap-1 font-mono text-xs">
          {changes.map((c) => (
            <li key={c.path} className="min-w-0 break-all">
              <span className="font-semibold text-fg">{c.path}</span>: <span className="text-danger line-through">{show(c.before)}</span>{" "}
              → <span className="text-success">{show(c.after)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

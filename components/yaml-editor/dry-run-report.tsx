import type { YamlApplyResult, YamlDocumentResult } from "@/lib/yaml/yaml-dto";
import { cn } from "@/components/ui/cn";

const LABELS: Record<YamlDocumentResult["outcome"], string> = {
  ok: "OK",
  invalid: "Invalid",
  conflict: "Conflict",
  forbidden: "Not permitted",
  not_found: "Not found",
  failed: "Failed",
};

/**
 * Every document's result of a dry run that found problems, in document order: the ones that
 * would go through as well as the refused ones, each refusal with the lines it concerns, so one
 * document's failure never hides what the others would do.
 */
export function DryRunReport({ result }: { result: YamlApplyResult }) {
  return (
    <ol className="flex flex-col gap-2" aria-label="Dry run results">
      {result.documents.map((d) => (
        <li key={d.index} data-outcome={d.outcome}>
          <p>
            <span className={cn("mr-2 rounded px-1.5 py-0.5 text-xs font-semibold", d.outcome === "ok" ? "bg-success/15 text-fg" : "bg-danger/15 text-danger")}>{LABELS[d.outcome]}</span>
            <span className="text-fg-muted">Document {d.index + 1} (line {d.line}): </span>
            {d.message}
          </p>
          {d.problems.length > 0 ? (
            <ul className="list-disc pl-6">
              {d.problems.map((p, i) => (
                <li key={i}>
                  Line {p.line}, column {p.column}: {p.message}
                </li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

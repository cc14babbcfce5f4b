"use client";

import { useMemo, useState } from "react";
import { errorMessage, isApiError } from "@/lib/api-client";
import { useApplyYaml, useClusterSchemas, useDryRunYaml } from "@/lib/queries/yaml";
import { parseYamlSafely } from "@/lib/yaml/parse-yaml-safely";
import type { ClusterSchemaSet } from "@/lib/yaml/openapi-to-json-schema";
import type { YamlApplyResult } from "@/lib/yaml/yaml-dto";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { DryRunReport } from "@/components/yaml-editor/dry-run-report";
import { ExplainPanel } from "@/components/yaml-editor/explain-panel";
import { YamlDiff } from "@/components/yaml-editor/yaml-diff";
import { YamlEditor } from "@/components/yaml-editor/yaml-editor";

export type YamlWorkbenchProps = {
  project: string;
  initialYaml: string;
  /** Admins apply; viewers read. */
  canApply: boolean;
  /** Offer the "outside this project" confirmation (New resource, admins). */
  canLeaveProject?: boolean;
  label: string;
  onApplied?: () => void;
};

function firstKind(text: string): { apiVersion: string; kind: string } | undefined {
  const parsed = parseYamlSafely(text);
  const value = parsed.ok ? (parsed.documents[0]?.value as { apiVersion?: unknown; kind?: unknown } | undefined) : undefined;
  return typeof value?.apiVersion === "string" && typeof value.kind === "string" ? { apiVersion: value.apiVersion, kind: value.kind } : undefined;
}

/**
 * The editor with its Apply flow: Review runs a server-side dry run (errors come back onto their
 * lines), the diff of live against proposed is shown to confirm, then Apply writes with
 * server-side apply under `berth-editor`. A conflict names the field's owner and offers Force.
 */
export function YamlWorkbench({ project, initialYaml, canApply, canLeaveProject = false, label, onApplied }: YamlWorkbenchProps) {
  const [text, setText] = useState(initialYaml);
  const [isExplainOpen, setIsExplainOpen] = useState(false);
  const [review, setReview] = useState<YamlApplyResult | null>(null);
  const [force, setForce] = useState(false);
  const [allowOutsideProject, setAllowOutsideProject] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const schemas = useClusterSchemas();
  const dryRun = useDryRunYaml();
  const apply = useApplyYaml();
  const set: ClusterSchemaSet | undefined = useMemo(() => (schemas.data ? { kinds: schemas.data.kinds, definitions: schemas.data.schema.definitions } : undefined), [schemas.data]);
  const problems = review?.documents.flatMap((d) => d.problems);
  const isReviewing = review?.ok === true;
  const conflict = review?.documents.find((d) => d.outcome === "conflict");
  const applyConflict = isApiError(apply.error) && apply.error.code === "conflict";

  const runDryRun = (withForce: boolean) => {
    setNotice(null);
    setForce(withForce);
    apply.reset();
    dryRun.mutate({ project, yaml: text, force: withForce, allowOutsideProject }, { onSuccess: setReview, onError: () => setReview(null) });
  };
  const runApply = () =>
    apply.mutate(
      { project, yaml: text, force, allowOutsideProject },
      {
        onSuccess: (result) => {
          setReview(null);
          setForce(false);
          setNotice(result.documents.map((d) => d.message).join(" "));
          onApplied?.();
        },
      },
    );

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-2">
        {canApply && !isReviewing ? (
          <Button onClick={() => runDryRun(false)} isPending={dryRun.isPending}>
            Review changes
          </Button>
        ) : null}
        <Button variant="secondary" onClick={() => setIsExplainOpen(!isExplainOpen)} aria-pressed={isExplainOpen}>
          Explain
        </Button>
        {canLeaveProject ? (
          <label className="flex items-center gap-2 text-sm text-fg">
            <input type="checkbox" checked={allowOutsideProject} onChange={(e) => setAllowOutsideProject(e.target.checked)} />
            Allow objects outside this project (other namespaces, cluster-scoped kinds)
          </label>
        ) : null}
        {!canApply ? <span className="text-sm text-fg-muted">You can read this YAML; applying changes needs the admin role.</span> : null}
        {schemas.isError ? <span className="text-sm text-fg-muted">Schemas unavailable ({errorMessage(schemas.error)}); editing without validation.</span> : null}
      </div>

      {notice ? <Alert tone="success">{notice}</Alert> : null}
      {dryRun.isError ? <Alert tone="error" title="Not sent to the cluster">{errorMessage(dryRun.error)}</Alert> : null}
      {review && !review.ok ? (
        <Alert
          tone="error"
          title="The dry run found problems"
          action={conflict ? <Button variant="danger" size="sm" onClick={() => runDryRun(true)}>Review a forced apply</Button> : undefined}
        >
          <DryRunReport result={review} />
        </Alert>
      ) : null}
      {apply.isError ? (
        <Alert tone="error" title="Not applied" action={applyConflict ? <Button variant="danger" size="sm" onClick={() => runDryRun(true)}>Review a forced apply</Button> : undefined}>
          {errorMessage(apply.error)}
        </Alert>
      ) : null}

      {isReviewing && review ? (
        <section aria-label="Review changes" className="flex flex-col gap-3">
          <p className="text-sm text-fg">
            {force ? "Forced apply: fields owned by other managers will be taken over. " : ""}Live (left) against what the cluster would store (right):
          </p>
          {review.documents.map((d) => (
            <div key={d.index} className="flex flex-col gap-1">
              <p className="text-sm font-medium text-fg">{d.message}</p>
              <YamlDiff original={d.live ?? ""} modified={d.proposed ?? ""} height="40vh" />
            </div>
          ))}
          <div className="flex gap-2">
            <Button variant={force ? "danger" : "primary"} onClick={runApply} isPending={apply.isPending}>
              {force ? "Force apply" : "Apply"}
            </Button>
            <Button variant="secondary" onClick={() => setReview(null)}>
              Back to editing
            </Button>
          </div>
        </section>
      ) : null}

      <div className={isReviewing ? "hidden" : isExplainOpen ? "grid gap-3 lg:grid-cols-[2fr_1fr]" : ""}>
        <YamlEditor value={text} onChange={setText} schema={schemas.data?.schema} problems={problems} label={label} isReadOnly={!canApply} />
        {isExplainOpen && set ? (
          <div className="h-[60vh]">
            <ExplainPanel set={set} initialKind={firstKind(text)} />
          </div>
        ) : null}
      </div>
    </div>
  );
}

"use client";

import dynamic from "next/dynamic";
import { useState } from "react";
import { errorMessage } from "@/lib/api-client";
import { useSession } from "@/lib/queries/session";
import { useLiveAppYaml, useRenderedAppYaml } from "@/lib/queries/yaml";
import { Alert } from "@/components/ui/alert";
import { Spinner } from "@/components/ui/spinner";

const loading = () => <Spinner label="Loading the editor…" />;
const YamlWorkbench = dynamic(() => import("@/components/yaml-editor/yaml-workbench").then((m) => m.YamlWorkbench), { ssr: false, loading });
const YamlEditor = dynamic(() => import("@/components/yaml-editor/yaml-editor").then((m) => m.YamlEditor), { ssr: false, loading });

export function YamlTabClient({ project, app }: { project: string; app: string }) {
  const [isFull, setIsFull] = useState(false);
  const session = useSession();
  const live = useLiveAppYaml(project, app, isFull);
  const rendered = useRenderedAppYaml(project, app);
  const canApply = session.data?.role === "admin";

  return (
    <div className="flex flex-col gap-8">
      <section aria-labelledby="live-yaml" className="flex flex-col gap-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="live-yaml" className="text-lg font-semibold text-fg">
            Live objects
          </h2>
          <label className="flex items-center gap-2 text-sm text-fg">
            <input type="checkbox" checked={isFull} onChange={(e) => setIsFull(e.target.checked)} />
            Show managedFields and status
          </label>
        </div>
        {live.isPending ? <Spinner label="Reading the app's objects…" /> : null}
        {live.isError ? <Alert tone="error">{errorMessage(live.error)}</Alert> : null}
        {live.data && live.data.objects.length === 0 ? <Alert>The app has no objects in the cluster yet — deploy it first.</Alert> : null}
        {live.data && live.data.objects.length > 0 ? (
          <>
            <p className="text-sm text-fg-muted">
              {live.data.objects.map((o) => `${o.kind} ${o.name}`).join(" · ")} in namespace {live.data.namespace}. Secret values are never shown.
            </p>
            <YamlWorkbench key={String(isFull)} project={project} initialYaml={live.data.yaml} canApply={canApply} label={`YAML of ${app}`} />
          </>
        ) : null}
      </section>

      <section aria-labelledby="rendered-yaml" className="flex flex-col gap-3">
        <h2 id="rendered-yaml" className="text-lg font-semibold text-fg">
          Rendered by Berth{rendered.data?.revision ? ` · revision ${rendered.data.revision.number} (${rendered.data.revision.outcome})` : ""}
        </h2>
        {rendered.isError ? <Alert tone="error">{errorMessage(rendered.error)}</Alert> : null}
        {rendered.data && !rendered.data.revision ? <Alert>No revision yet: the app has not been deployed.</Alert> : null}
        {rendered.data?.revision ? <YamlEditor value={rendered.data.yaml} isReadOnly label={`Manifests rendered for ${app}`} height="40vh" /> : null}
      </section>
    </div>
  );
}

"use client";

import dynamic from "next/dynamic";
import { useState } from "react";
import { useSession } from "@/lib/queries/session";
import { RESOURCE_TEMPLATES } from "@/lib/yaml/resource-templates";
import { Alert } from "@/components/ui/alert";
import { Spinner } from "@/components/ui/spinner";

const YamlWorkbench = dynamic(() => import("@/components/yaml-editor/yaml-workbench").then((m) => m.YamlWorkbench), {
  ssr: false,
  loading: () => <Spinner label="Loading the editor…" />,
});

export function NewResourceClient({ project }: { project: string }) {
  const [templateId, setTemplateId] = useState(RESOURCE_TEMPLATES[0].id);
  const session = useSession();
  const isAdmin = session.data?.role === "admin";
  const template = RESOURCE_TEMPLATES.find((t) => t.id === templateId) ?? RESOURCE_TEMPLATES[0];

  return (
    <div className="flex flex-col gap-4">
      {!isAdmin && session.data ? <Alert>Creating resources needs the admin role; you can still explore the templates and the Explain panel.</Alert> : null}
      <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Templates">
        {RESOURCE_TEMPLATES.map((t) => (
          <button
            key={t.id}
            type="button"
            onClick={() => setTemplateId(t.id)}
            aria-pressed={t.id === templateId}
            className="rounded-md border border-border px-3 py-1 text-sm aria-pressed:bg-accent aria-pressed:text-accent-fg"
          >
            {t.label}
          </button>
        ))}
      </div>
      <YamlWorkbench key={template.id} project={project} initialYaml={template.yaml(project)} canApply={isAdmin} canLeaveProject={isAdmin} label={`New ${template.label}`} />
    </div>
  );
}

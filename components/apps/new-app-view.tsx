"use client";

import { useRouter } from "next/navigation";
import { AppForm } from "@/components/apps/app-form";
import { emptyAppForm } from "@/lib/apps/spec-form";
import { useCreateApp } from "@/lib/queries/apps";
import type { AppSpecInput } from "@/lib/schemas/app";

/** Creates the app (nothing reaches the cluster yet) and opens its page, where Deploy waits. */
export function NewAppView({ project }: { project: string }) {
  const router = useRouter();
  const create = useCreateApp(project);
  return (
    <AppForm
      initial={emptyAppForm}
      isEdit={false}
      submitLabel="Create app"
      isPending={create.isPending}
      onSubmit={async (spec) => {
        const app = await create.mutateAsync(spec as AppSpecInput);
        router.push(`/projects/${encodeURIComponent(project)}/apps/${encodeURIComponent(app.name)}`);
      }}
    />
  );
}

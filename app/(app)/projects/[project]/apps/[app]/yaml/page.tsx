import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { YamlTabClient } from "./yaml-tab-client";

export const metadata: Metadata = { title: "YAML" };

/** The App page's YAML tab: the app's live objects in the editor, and what Berth rendered. */
export default async function AppYamlPage({ params }: { params: Promise<{ project: string; app: string }> }) {
  const { project, app } = await params;
  return (
    <>
      <PageHeader title={`${app} · YAML`} description="The app's objects as they are in the cluster. Edit, review the dry run and the diff, then apply." />
      <YamlTabClient project={project} app={app} />
    </>
  );
}

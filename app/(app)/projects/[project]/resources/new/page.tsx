import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { NewResourceClient } from "./new-resource-client";

export const metadata: Metadata = { title: "New resource" };

/** "New resource" in a project: a template per common kind, applied into the project's namespace. */
export default async function NewResourcePage({ params }: { params: Promise<{ project: string }> }) {
  const { project } = await params;
  return (
    <>
      <PageHeader title="New resource" description={`Write Kubernetes YAML for project ${project}; it is applied into the project's namespace.`} />
      <NewResourceClient project={project} />
    </>
  );
}

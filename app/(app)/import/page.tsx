import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { ImportProjectForm } from "@/components/projects/import-project-form";

export const metadata: Metadata = { title: "Import a project" };

export default function ImportPage() {
  return (
    <>
      <PageHeader title="Import a project" description="Create a project from a file a project page's Export downloaded (apiVersion: berth.dev/v1, kind: Project)." />
      <ImportProjectForm />
    </>
  );
}

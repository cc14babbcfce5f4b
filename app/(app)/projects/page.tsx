import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/layout/page-header";
import { ProjectsView } from "@/components/projects/projects-view";

export const metadata: Metadata = { title: "Projects" };

export default function ProjectsPage() {
  return (
    <>
      <PageHeader title="Projects" description="A project is a namespace holding your apps." actions={<Link href="/import" className="inline-flex h-10 items-center rounded-md border border-border bg-panel px-4 text-sm font-medium text-fg hover:bg-muted">Import</Link>} />
      <ProjectsView />
    </>
  );
}

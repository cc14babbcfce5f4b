import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { ProjectsView } from "@/components/projects/projects-view";

export const metadata: Metadata = { title: "Projects" };

export default function ProjectsPage() {
  return (
    <>
      <PageHeader title="Projects" description="A project is a namespace holding your apps." />
      <ProjectsView />
    </>
  );
}

import type { Metadata } from "next";
import { ComingSoon } from "@/components/layout/coming-soon";
import { PageHeader } from "@/components/layout/page-header";

export const metadata: Metadata = { title: "Projects" };

export default function ProjectsPage() {
  return (
    <>
      <PageHeader title="Projects" description="A project is a namespace holding your apps." />
      <ComingSoon title="Not built yet">
        Creating projects and deploying apps into them is the next piece of work. This page will list your projects with their
        app count and health.
      </ComingSoon>
    </>
  );
}

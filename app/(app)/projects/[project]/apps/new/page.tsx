import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/layout/page-header";
import { NewAppView } from "@/components/apps/new-app-view";

export const metadata: Metadata = { title: "New app" };

export default async function NewAppPage({ params }: { params: Promise<{ project: string }> }) {
  const project = decodeURIComponent((await params).project);
  return (
    <>
      <PageHeader
        title="New app"
        description={
          <>
            In project <Link href={`/projects/${encodeURIComponent(project)}`} className="text-accent underline">{project}</Link>. Nothing reaches the cluster until you deploy.
          </>
        }
      />
      <NewAppView project={project} />
    </>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/layout/page-header";
import { TemplatePicker } from "@/components/templates/template-picker";

export const metadata: Metadata = { title: "New from template" };

export default async function TemplatesPage({ params }: { params: Promise<{ project: string }> }) {
  const project = decodeURIComponent((await params).project);
  return (
    <>
      <PageHeader
        title="New from template"
        description={
          <>
            In project <Link href={`/projects/${encodeURIComponent(project)}`} className="text-accent underline">{project}</Link>. A template creates ordinary apps and databases, deployed right away and managed like any other.
          </>
        }
      />
      <TemplatePicker project={project} />
    </>
  );
}

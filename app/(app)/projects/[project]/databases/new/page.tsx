import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/layout/page-header";
import { Card } from "@/components/ui/card";
import { NewDatabaseForm } from "@/components/databases/new-database-form";

export const metadata: Metadata = { title: "New database" };

export default async function NewDatabasePage({ params }: { params: Promise<{ project: string }> }) {
  const project = decodeURIComponent((await params).project);
  return (
    <>
      <PageHeader
        title="New database"
        description={
          <>
            In project <Link href={`/projects/${encodeURIComponent(project)}`} className="text-accent underline">{project}</Link>. Berth generates the credentials and starts it right away.
          </>
        }
      />
      <Card>
        <NewDatabaseForm project={project} />
      </Card>
    </>
  );
}

import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/layout/page-header";
import { LogViewer } from "@/components/logs/log-viewer";

const NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

export async function generateMetadata({ params }: { params: Promise<{ project: string; app: string }> }): Promise<Metadata> {
  const { app } = await params;
  return { title: `Logs · ${app}` };
}

/** The app's live log (the App page's Logs tab links here). Viewers may read logs. */
export default async function AppLogsPage({ params }: { params: Promise<{ project: string; app: string }> }) {
  const { project, app } = await params;
  if (!NAME.test(project) || !NAME.test(app)) notFound();
  return (
    <>
      <PageHeader title={`Logs of ${app}`} description={`Every pod of ${app} in ${project}, merged and followed live.`} />
      <LogViewer project={project} app={app} />
    </>
  );
}

import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { LogViewer } from "@/components/logs/log-viewer";

const NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

export async function generateMetadata({ params }: { params: Promise<{ project: string; app: string }> }): Promise<Metadata> {
  const { app } = await params;
  return { title: `Logs · ${app}` };
}

/** The App page's Logs tab: every pod's live log. Viewers may read logs. */
export default async function AppLogsPage({ params }: { params: Promise<{ project: string; app: string }> }) {
  const { project, app } = await params;
  if (!NAME.test(project) || !NAME.test(app)) notFound();
  return <LogViewer project={project} app={app} />;
}

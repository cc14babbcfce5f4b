import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { isAppPath } from "@/lib/schemas/route-params";
import { LogViewer } from "@/components/logs/log-viewer";

export async function generateMetadata({ params }: { params: Promise<{ project: string; app: string }> }): Promise<Metadata> {
  const { app } = await params;
  return { title: `Logs · ${app}` };
}

/** The App page's Logs tab: every pod's live log. Viewers may read logs. */
export default async function AppLogsPage({ params }: { params: Promise<{ project: string; app: string }> }) {
  const { project, app } = await params;
  if (!isAppPath(project, app)) notFound();
  return <LogViewer project={project} app={app} />;
}

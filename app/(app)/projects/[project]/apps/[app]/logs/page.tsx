import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { isAppPath } from "@/lib/schemas/route-params";
import { LogViewer } from "@/components/logs/log-viewer";

export async function generateMetadata({ params }: { params: Promise<{ project: string; app: string }> }): Promise<Metadata> {
  const { app } = await params;
  return { title: `Logs · ${app}` };
}

/** The App page's Logs tab: every pod's live log, or `?stream=pod/container` (a task run's). Viewers may read logs. */
export default async function AppLogsPage({ params, searchParams }: { params: Promise<{ project: string; app: string }>; searchParams: Promise<{ stream?: string | string[] }> }) {
  const { project, app } = await params;
  if (!isAppPath(project, app)) notFound();
  const { stream } = await searchParams;
  const initialStream = typeof stream === "string" && /^[a-z0-9.-]+\/[a-z0-9-]+$/.test(stream) ? stream : "";
  return <LogViewer project={project} owner={{ app }} initialStream={initialStream} />;
}

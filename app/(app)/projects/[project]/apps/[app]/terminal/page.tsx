import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { isAppPath } from "@/lib/schemas/route-params";
import { ComingSoon } from "@/components/layout/coming-soon";
import { readPagePrincipal } from "@/server/auth/page-session";
import { LazyTerminalTabs } from "@/components/terminal/lazy-terminal-tabs";

export async function generateMetadata({ params }: { params: Promise<{ project: string; app: string }> }): Promise<Metadata> {
  const { app } = await params;
  return { title: `Terminal · ${app}` };
}

/** The App page's Terminal tab: shells in the app's containers (admins only; the socket refuses viewers too). */
export default async function AppTerminalPage({ params }: { params: Promise<{ project: string; app: string }> }) {
  const { project, app } = await params;
  if (!isAppPath(project, app)) notFound();
  const principal = await readPagePrincipal();
  if (principal && principal.role !== "admin") {
    return <ComingSoon title="Admins only">Opening a shell in a container needs the admin role; you are signed in as a viewer.</ComingSoon>;
  }
  return <LazyTerminalTabs project={project} owner={{ app }} />;
}

import type { Metadata } from "next";
import { cookies } from "next/headers";
import { notFound } from "next/navigation";
import { isAppPath } from "@/lib/schemas/route-params";
import { ComingSoon } from "@/components/layout/coming-soon";
import { resolveSession, SESSION_COOKIE } from "@/server/auth/sessions";
import { LazyTerminalTabs } from "@/components/terminal/lazy-terminal-tabs";

export async function generateMetadata({ params }: { params: Promise<{ project: string; app: string }> }): Promise<Metadata> {
  const { app } = await params;
  return { title: `Terminal · ${app}` };
}

/** The App page's Terminal tab: shells in the app's containers (admins only; the socket refuses viewers too). */
export default async function AppTerminalPage({ params }: { params: Promise<{ project: string; app: string }> }) {
  const { project, app } = await params;
  if (!isAppPath(project, app)) notFound();
  const cookieValue = (await cookies()).get(SESSION_COOKIE)?.value;
  const session = cookieValue ? await resolveSession(cookieValue) : null;
  if (session && session.principal.role !== "admin") {
    return <ComingSoon title="Admins only">Opening a shell in a container needs the admin role; you are signed in as a viewer.</ComingSoon>;
  }
  return <LazyTerminalTabs project={project} owner={{ app }} />;
}

import type { ReactNode } from "react";
import { AppHeader } from "@/components/apps/app-header";
import { AppTabs } from "@/components/apps/app-tabs";

/** The App page's frame: name, health and actions, then the tabs; each tab is a route below. */
export default async function AppLayout({ children, params }: { children: ReactNode; params: Promise<{ project: string; app: string }> }) {
  const { project, app } = await params;
  const p = decodeURIComponent(project);
  const a = decodeURIComponent(app);
  return (
    <>
      <AppHeader project={p} app={a} />
      <AppTabs project={p} app={a} />
      {children}
    </>
  );
}

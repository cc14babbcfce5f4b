import type { Metadata } from "next";
import { AppSettingsView } from "@/components/apps/app-settings-view";

export const metadata: Metadata = { title: "App settings" };

export default async function Page({ params }: { params: Promise<{ project: string; app: string }> }) {
  const { project, app } = await params;
  return <AppSettingsView project={decodeURIComponent(project)} app={decodeURIComponent(app)} />;
}

import type { Metadata } from "next";
import { HostnamesView } from "@/components/apps/hostnames-view";

export const metadata: Metadata = { title: "Hostnames" };

export default async function Page({ params }: { params: Promise<{ project: string; app: string }> }) {
  const { project, app } = await params;
  return <HostnamesView project={decodeURIComponent(project)} app={decodeURIComponent(app)} />;
}

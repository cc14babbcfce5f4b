import type { Metadata } from "next";
import { EnvironmentView } from "@/components/apps/environment-view";

export const metadata: Metadata = { title: "Environment" };

export default async function Page({ params }: { params: Promise<{ project: string; app: string }> }) {
  const { project, app } = await params;
  return <EnvironmentView project={decodeURIComponent(project)} app={decodeURIComponent(app)} />;
}

import type { Metadata } from "next";
import { DeploymentsView } from "@/components/apps/deployments-view";

export const metadata: Metadata = { title: "Deployments" };

export default async function DeploymentsPage({ params }: { params: Promise<{ project: string; app: string }> }) {
  const { project, app } = await params;
  return <DeploymentsView project={decodeURIComponent(project)} app={decodeURIComponent(app)} />;
}

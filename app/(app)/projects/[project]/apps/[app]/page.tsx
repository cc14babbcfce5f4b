import type { Metadata } from "next";
import { AppOverview } from "@/components/apps/app-overview";

type Props = { params: Promise<{ project: string; app: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: decodeURIComponent((await params).app) };
}

export default async function AppOverviewPage({ params }: Props) {
  const { project, app } = await params;
  return <AppOverview project={decodeURIComponent(project)} app={decodeURIComponent(app)} />;
}

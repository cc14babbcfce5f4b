import type { Metadata } from "next";
import { VolumesView } from "@/components/apps/volumes-view";

export const metadata: Metadata = { title: "Volumes" };

export default async function Page({ params }: { params: Promise<{ project: string; app: string }> }) {
  const { project, app } = await params;
  return <VolumesView project={decodeURIComponent(project)} app={decodeURIComponent(app)} />;
}

import type { Metadata } from "next";
import { FilesView } from "@/components/apps/files-view";

export const metadata: Metadata = { title: "Files" };

export default async function Page({ params }: { params: Promise<{ project: string; app: string }> }) {
  const { project, app } = await params;
  return <FilesView project={decodeURIComponent(project)} app={decodeURIComponent(app)} />;
}

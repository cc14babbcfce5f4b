import type { Metadata } from "next";
import { TasksView } from "@/components/apps/tasks-view";

export const metadata: Metadata = { title: "Tasks" };

export default async function Page({ params }: { params: Promise<{ project: string; app: string }> }) {
  const { project, app } = await params;
  return <TasksView project={decodeURIComponent(project)} app={decodeURIComponent(app)} />;
}

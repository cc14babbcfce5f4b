import type { Metadata } from "next";
import { ProjectView } from "@/components/projects/project-view";

type Props = { params: Promise<{ project: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await params).project };
}

export default async function ProjectPage({ params }: Props) {
  const { project } = await params;
  return <ProjectView project={decodeURIComponent(project)} />;
}

import type { Metadata } from "next";
import { DatabaseView } from "@/components/databases/database-view";

type Props = { params: Promise<{ project: string; database: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: decodeURIComponent((await params).database) };
}

export default async function DatabasePage({ params }: Props) {
  const { project, database } = await params;
  return <DatabaseView project={decodeURIComponent(project)} database={decodeURIComponent(database)} />;
}

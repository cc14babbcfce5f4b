import type { Metadata } from "next";
import { YamlTabClient } from "./yaml-tab-client";

export const metadata: Metadata = { title: "YAML" };

/**
 * The App page's YAML tab (the app layout draws the header and tabs): the app's live objects in
 * the editor, and what Berth rendered for the current revision.
 */
export default async function AppYamlPage({ params }: { params: Promise<{ project: string; app: string }> }) {
  const { project, app } = await params;
  return <YamlTabClient project={decodeURIComponent(project)} app={decodeURIComponent(app)} />;
}

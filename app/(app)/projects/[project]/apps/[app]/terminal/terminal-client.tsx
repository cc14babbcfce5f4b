"use client";

import dynamic from "next/dynamic";
import { Spinner } from "@/components/ui/spinner";

/** xterm.js needs the DOM, so the terminals load in the browser only. */
const TerminalTabs = dynamic(() => import("@/components/terminal/terminal-tabs").then((m) => m.TerminalTabs), {
  ssr: false,
  loading: () => <Spinner label="Loading the terminal…" />,
});

export function TerminalClient({ project, app }: { project: string; app: string }) {
  return <TerminalTabs project={project} app={app} />;
}

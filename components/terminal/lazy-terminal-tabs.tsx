"use client";

import dynamic from "next/dynamic";
import { Spinner } from "@/components/ui/spinner";

/** xterm.js needs the DOM, so the terminals load in the browser only (the app's Terminal tab, the database page). */
export const LazyTerminalTabs = dynamic(() => import("@/components/terminal/terminal-tabs").then((m) => m.TerminalTabs), {
  ssr: false,
  loading: () => <Spinner label="Loading the terminal…" />,
});

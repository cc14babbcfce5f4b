import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { StatusBoardView } from "@/components/status/status-board";
import type { StatusBoard } from "@/lib/dto/status-board";
import { readPagePrincipal } from "@/server/auth/page-session";
import { readStatusPage } from "@/server/engine/queries/read-status-page";
import { withTimeout } from "@/server/with-timeout";

export const metadata: Metadata = { title: "Status" };

/** How long the page waits for the board before it is sent without one (the browser then asks). */
const SERVER_READ_MS = 1500;

/**
 * The board read on the server and rendered into the page's HTML, so a phone on a slow network
 * sees every app's row before the JavaScript has arrived; none when nobody is signed in, or
 * when the cluster is slow to answer (the page must not wait on it).
 */
async function readFirstBoard(): Promise<StatusBoard | undefined> {
  if (!(await readPagePrincipal())) return undefined;
  return withTimeout(readStatusPage(), SERVER_READ_MS).catch(() => undefined);
}

export default async function StatusPage() {
  const initialBoard = await readFirstBoard();
  return (
    <>
      <PageHeader title="Status" description="Every app's health at a glance; failing apps first." />
      <StatusBoardView initialBoard={initialBoard} />
    </>
  );
}

import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { StatusBoardView } from "@/components/status/status-board";

export const metadata: Metadata = { title: "Status" };

export default function StatusPage() {
  return (
    <>
      <PageHeader title="Status" description="Every app's health at a glance; failing apps first." />
      <StatusBoardView />
    </>
  );
}

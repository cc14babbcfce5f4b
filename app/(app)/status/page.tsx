import type { Metadata } from "next";
import { ComingSoon } from "@/components/layout/coming-soon";
import { PageHeader } from "@/components/layout/page-header";

export const metadata: Metadata = { title: "Status" };

export default function StatusPage() {
  return (
    <>
      <PageHeader title="Status" description="Every app's health at a glance, built for a phone." />
      <ComingSoon title="Not built yet">
        Once apps can be deployed, this page lists each one with its health, ready replicas, recent restarts and URL, failing apps
        first, updated live.
      </ComingSoon>
    </>
  );
}

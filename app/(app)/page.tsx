import type { Metadata } from "next";
import { OverviewView } from "@/components/overview/overview-view";
import { PageHeader } from "@/components/layout/page-header";

export const metadata: Metadata = { title: "Overview" };

export default function OverviewPage() {
  return (
    <>
      <PageHeader title="Overview" description="Your projects and apps at a glance, failing ones first." />
      <OverviewView />
    </>
  );
}

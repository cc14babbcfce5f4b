import type { Metadata } from "next";
import { ClusterStatusCard } from "@/components/cluster/cluster-status-card";
import { ComingSoon } from "@/components/layout/coming-soon";
import { PageHeader } from "@/components/layout/page-header";

export const metadata: Metadata = { title: "Overview" };

export default function OverviewPage() {
  return (
    <>
      <PageHeader title="Overview" description="Your Berth server and the cluster it manages." />
      <div className="flex flex-col gap-6">
        <ClusterStatusCard />
        <ComingSoon title="Projects and apps">
          Projects, apps, hostnames, volumes and deploys arrive with the dashboard. Until then, Berth handles sign-in and API tokens.
        </ComingSoon>
      </div>
    </>
  );
}

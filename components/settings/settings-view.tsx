"use client";

import { ApiTokensSection } from "@/components/settings/api-tokens-section";
import { AuditLogSection } from "@/components/settings/audit-log-section";
import { ClusterStatusCard } from "@/components/cluster/cluster-status-card";
import { useSession } from "@/lib/queries/session";

/** Settings for the signed-in person; admins can change tokens, viewers only read. */
export function SettingsView() {
  const session = useSession();
  const isAdmin = session.data?.role === "admin";

  return (
    <div className="flex flex-col gap-6">
      <ApiTokensSection canManage={isAdmin} />
      <ClusterStatusCard />
      <AuditLogSection />
    </div>
  );
}

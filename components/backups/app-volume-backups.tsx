"use client";

import { BackupsSection } from "@/components/backups/backups-section";
import { useSession } from "@/lib/queries/session";

/** One Backups section per volume of the app, on its Volumes tab. */
export function AppVolumeBackups({ project, app, volumes }: { project: string; app: string; volumes: string[] }) {
  const canManage = useSession().data?.role === "admin";
  return (
    <>
      {volumes.map((volume) => (
        <BackupsSection key={volume} target={{ kind: "volume", project, app, volume }} title={`Backups of ${volume}`} canManage={canManage} />
      ))}
    </>
  );
}

import { volumeBackupRoutes } from "@/server/http/project-api/backup-routes";

/** Downloads one backup file of an app volume, streamed. */
export const GET = volumeBackupRoutes.download;

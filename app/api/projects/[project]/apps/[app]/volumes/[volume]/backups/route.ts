import { volumeBackupRoutes } from "@/server/http/project-api/backup-routes";

/** The backups of an app volume: schedule, kept files, runs and restores. */
export const GET = volumeBackupRoutes.list;

import { volumeBackupRoutes } from "@/server/http/project-api/backup-routes";

/** Restores one backup file of an app volume after a typed confirmation. */
export const POST = volumeBackupRoutes.restore;

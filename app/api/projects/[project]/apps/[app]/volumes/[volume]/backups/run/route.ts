import { volumeBackupRoutes } from "@/server/http/project-api/backup-routes";

/** "Back up now": one backup run of an app volume at once, with or without a schedule. */
export const POST = volumeBackupRoutes.run;

import { volumeBackupRoutes } from "@/server/http/project-api/backup-routes";

/** Sets the backup schedule of an app volume and applies its CronJob at once. */
export const PUT = volumeBackupRoutes.putSchedule;
/** Removes the backup schedule of an app volume; the files stay. */
export const DELETE = volumeBackupRoutes.deleteSchedule;

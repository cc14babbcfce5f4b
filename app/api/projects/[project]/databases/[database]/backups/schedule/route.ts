import { databaseBackupRoutes } from "@/server/http/project-api/backup-routes";

/** Sets the backup schedule of a database and applies its CronJob at once. */
export const PUT = databaseBackupRoutes.putSchedule;
/** Removes the backup schedule of a database; the files stay. */
export const DELETE = databaseBackupRoutes.deleteSchedule;

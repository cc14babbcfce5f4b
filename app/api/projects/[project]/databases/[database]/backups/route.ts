import { databaseBackupRoutes } from "@/server/http/project-api/backup-routes";

/** The backups of a database: schedule, kept files, runs and restores. */
export const GET = databaseBackupRoutes.list;

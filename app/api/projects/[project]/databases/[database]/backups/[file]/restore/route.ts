import { databaseBackupRoutes } from "@/server/http/project-api/backup-routes";

/** Restores one backup file of a database after a typed confirmation. */
export const POST = databaseBackupRoutes.restore;

import { databaseBackupRoutes } from "@/server/http/project-api/backup-routes";

/** Downloads one backup file of a database, streamed. */
export const GET = databaseBackupRoutes.download;

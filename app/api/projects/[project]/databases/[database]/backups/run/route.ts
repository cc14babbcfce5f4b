import { databaseBackupRoutes } from "@/server/http/project-api/backup-routes";

/** "Back up now": one backup run of a database at once, with or without a schedule. */
export const POST = databaseBackupRoutes.run;

-- AlterTable
ALTER TABLE "ApiToken" ADD COLUMN "scopeApp" TEXT;
ALTER TABLE "ApiToken" ADD COLUMN "scopeProject" TEXT;

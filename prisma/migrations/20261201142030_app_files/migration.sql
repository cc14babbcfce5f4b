-- CreateTable
CREATE TABLE "AppFile" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "appId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "path" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "secret" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "AppFile_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "AppFile_appId_path_key" ON "AppFile"("appId", "path");

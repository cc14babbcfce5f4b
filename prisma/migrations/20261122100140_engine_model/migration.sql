-- CreateTable
CREATE TABLE "Project" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "displayName" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "App" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "spec" TEXT NOT NULL,
    "specVersion" INTEGER NOT NULL DEFAULT 1,
    "restartedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "App_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Hostname" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "appId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "host" TEXT NOT NULL,
    "path" TEXT NOT NULL DEFAULT '/',
    "port" INTEGER,
    "tlsSecretName" TEXT,
    CONSTRAINT "Hostname_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Volume" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "appId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "size" TEXT NOT NULL,
    "mountPath" TEXT NOT NULL,
    "accessMode" TEXT NOT NULL DEFAULT 'ReadWriteOnce',
    "storageClass" TEXT,
    CONSTRAINT "Volume_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SecretEnv" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "appId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    CONSTRAINT "SecretEnv_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Revision" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "appId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "specVersion" INTEGER NOT NULL,
    "spec" TEXT NOT NULL,
    "objects" TEXT NOT NULL,
    "actor" TEXT,
    "outcome" TEXT NOT NULL DEFAULT 'pending',
    "message" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    CONSTRAINT "Revision_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Operation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectName" TEXT NOT NULL,
    "appName" TEXT,
    "kind" TEXT NOT NULL,
    "payload" TEXT NOT NULL DEFAULT '{}',
    "status" TEXT NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "revisionId" TEXT,
    "actor" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "Project_name_key" ON "Project"("name");

-- CreateIndex
CREATE UNIQUE INDEX "App_projectId_name_key" ON "App"("projectId", "name");

-- CreateIndex
CREATE INDEX "Hostname_appId_idx" ON "Hostname"("appId");

-- CreateIndex
CREATE UNIQUE INDEX "Hostname_host_path_key" ON "Hostname"("host", "path");

-- CreateIndex
CREATE UNIQUE INDEX "Volume_appId_name_key" ON "Volume"("appId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Volume_appId_mountPath_key" ON "Volume"("appId", "mountPath");

-- CreateIndex
CREATE UNIQUE INDEX "SecretEnv_appId_name_key" ON "SecretEnv"("appId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Revision_appId_number_key" ON "Revision"("appId", "number");

-- CreateIndex
CREATE INDEX "Operation_status_nextAttemptAt_idx" ON "Operation"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "Operation_projectName_appName_createdAt_idx" ON "Operation"("projectName", "appName", "createdAt");

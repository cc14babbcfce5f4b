"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { projectExportUrl, projectManifestsUrl } from "@/lib/queries/project-file";
import { useSession } from "@/lib/queries/session";

type Download = "export" | "manifests";

const LABELS: Record<Download, string> = { export: "Export", manifests: "Download manifests" };

/**
 * A way out: "Export" downloads the project's Berth specs as one file Import takes back, and
 * "Download manifests" the Kubernetes objects Berth renders, for `kubectl apply -f` or a git
 * repository. Secret values go in only when an admin ticks the box and confirms.
 */
export function ProjectFileCard({ project }: { project: string }) {
  const session = useSession();
  const isAdmin = session.data?.role === "admin";
  const [isSecretsIncluded, setSecretsIncluded] = useState(false);
  const [confirming, setConfirming] = useState<Download | null>(null);

  function start(download: Download, includeSecrets: boolean) {
    window.location.assign(download === "export" ? projectExportUrl(project, includeSecrets) : projectManifestsUrl(project, includeSecrets));
  }

  function handleDownload(download: Download) {
    if (isSecretsIncluded) setConfirming(download);
    else start(download, false);
  }

  return (
    <Card aria-labelledby="project-file-heading">
      <CardHeader
        headingId="project-file-heading"
        title="Export"
        description="Export downloads this project's apps, hostnames, volumes, env, config files, databases and registry logins as one file that Import (or npm run berth -- import) turns back into a project. Download manifests gives the Kubernetes objects Berth applies, ready for kubectl apply -f."
      />
      <div className="flex flex-col gap-3">
        {isAdmin ? (
          <label className="flex items-start gap-2 text-sm text-fg">
            <input type="checkbox" className="mt-1" checked={isSecretsIncluded} onChange={(e) => setSecretsIncluded(e.target.checked)} />
            <span>
              Include secret values <span className="text-fg-muted">(secret env, secret files, registry passwords, database credentials — in plain text)</span>
            </span>
          </label>
        ) : null}
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" onClick={() => handleDownload("export")}>{LABELS.export}</Button>
          <Button variant="secondary" onClick={() => handleDownload("manifests")}>{LABELS.manifests}</Button>
        </div>
        {!isSecretsIncluded ? <p className="text-xs text-fg-muted">Without secret values, an import leaves each one empty and lists it to be set; databases get new credentials.</p> : null}
      </div>
      <ConfirmDialog
        isOpen={confirming !== null}
        title="Download secret values?"
        confirmLabel={confirming ? `${LABELS[confirming]} with secrets` : "Download"}
        onCancel={() => setConfirming(null)}
        onConfirm={() => {
          if (confirming) start(confirming, true);
          setConfirming(null);
        }}
      >
        The file will hold this project&apos;s secret values in plain text. Anyone who gets it can read them: keep it like a password and do not commit it to a repository. The download is written to the audit log.
      </ConfirmDialog>
    </Card>
  );
}

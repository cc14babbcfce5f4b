"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { TextField } from "@/components/ui/field";
import { errorMessage } from "@/lib/api-client";
import { confirmName, restorePrompt, type ProjectBackupTarget } from "@/lib/backups/backup-target";
import { useRestoreBackup } from "@/lib/queries/backups";

type RestoreDialogProps = { target: ProjectBackupTarget; file: string | null; onClose: () => void };

/**
 * The typed confirmation before a restore: the target's name typed back, as the API requires
 * (`{"confirm": "<name>"}`), with what the restore does to the running system said first.
 */
export function RestoreDialog({ target, file, onClose }: RestoreDialogProps) {
  const restore = useRestoreBackup(target);
  const [typed, setTyped] = useState("");
  const name = confirmName(target);

  function handleClose() {
    setTyped("");
    restore.reset();
    onClose();
  }

  function handleConfirm() {
    if (!file || typed.trim() !== name) return;
    restore.mutate({ file, confirm: typed.trim() }, { onSuccess: handleClose });
  }

  return (
    <ConfirmDialog
      isOpen={file !== null}
      title={`Restore ${file ?? ""}?`}
      confirmLabel="Restore"
      isPending={restore.isPending}
      isConfirmDisabled={typed.trim() !== name}
      onConfirm={handleConfirm}
      onCancel={handleClose}
    >
      <div className="flex flex-col gap-3">
        <p className="break-words text-fg">{restorePrompt(target)}</p>
        <TextField id={`restore-${target.kind}-${name}-confirm`} label={`Type ${name}`} value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" spellCheck={false} />
        {restore.isError ? <Alert tone="error">{errorMessage(restore.error)}</Alert> : null}
      </div>
    </ConfirmDialog>
  );
}

"use client";

import dynamic from "next/dynamic";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { TextField } from "@/components/ui/field";
import { Spinner } from "@/components/ui/spinner";
import { errorMessage } from "@/lib/api-client";
import { fileLanguage } from "@/lib/apps/file-language";
import type { AppFileList, SecretFileContents } from "@/lib/dto/app-files";
import { useAppAction } from "@/lib/queries/apps";
import { useAppFiles, useSaveAppFiles, useSecretFiles } from "@/lib/queries/app-files";
import { useSession } from "@/lib/queries/session";

const FileEditor = dynamic(() => import("@/components/apps/file-editor").then((m) => m.FileEditor), {
  ssr: false,
  loading: () => <Spinner label="Loading the editor…" />,
});

/** A file as edited here; `content: null` is a secret file whose text stays as stored. */
type Draft = { id: number; path: string; secret: boolean; content: string | null };

function draftsOf(list: AppFileList): Draft[] {
  return list.files.map((f, id) => ({ id, path: f.path, secret: f.secret, content: f.content }));
}

/** Fills in the secret texts an admin revealed, where the draft still keeps the stored one. */
function withRevealed(drafts: Draft[], revealed: SecretFileContents | undefined): Draft[] {
  if (!revealed) return drafts;
  const text = new Map(revealed.files.map((f) => [f.path, f.content]));
  return drafts.map((d) => (d.content === null && text.has(d.path) ? { ...d, content: text.get(d.path)! } : d));
}

/**
 * The app's config files: a list, and Monaco on the selected one. Saving sends the whole list
 * and deploys, so the files checksum rolls the pods. Secret texts stay hidden (kept as stored)
 * unless an admin reveals them, which is audited.
 */
export function FilesView({ project, app }: { project: string; app: string }) {
  const files = useAppFiles(project, app);
  const session = useSession();
  const [isRevealed, setIsRevealed] = useState(false);
  const secrets = useSecretFiles(project, app, isRevealed);
  const save = useSaveAppFiles(project, app);
  const deploy = useAppAction(project, app);
  const [edited, setEdited] = useState<Draft[] | null>(null);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isDeployed, setIsDeployed] = useState(false);

  if (files.isPending) return <Spinner label="Loading files…" />;
  if (files.isError) return <Alert tone="error">{errorMessage(files.error)}</Alert>;
  const drafts = withRevealed(edited ?? draftsOf(files.data), secrets.data);
  const selected = drafts.find((d) => d.id === selectedId) ?? drafts[0];
  const hasSecrets = drafts.some((d) => d.secret && d.content === null);

  function change(id: number, patch: Partial<Draft>) {
    setEdited(drafts.map((d) => (d.id === id ? { ...d, ...patch } : d)));
    setIsDeployed(false);
  }
  function handleAdd() {
    const draft: Draft = { id: Math.max(-1, ...drafts.map((d) => d.id)) + 1, path: "", secret: false, content: "" };
    setEdited([...drafts, draft]);
    setSelectedId(draft.id);
  }
  function handleRemove(id: number) {
    setEdited(drafts.filter((d) => d.id !== id));
    setSelectedId(null);
  }
  async function handleSave() {
    setError(null);
    try {
      await save.mutateAsync({
        files: drafts.map((d) => (d.content === null ? { path: d.path.trim(), secret: true } : { path: d.path.trim(), secret: d.secret, content: d.content })),
      });
      await deploy.mutateAsync({ kind: "deploy" });
      setEdited(null);
      setIsDeployed(true);
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <div className="flex flex-col gap-6">
      <Card>
        <CardHeader
          title="Config files"
          description="Plain files go into a ConfigMap, secret ones into a Secret. Each file's directory is mounted as a whole and read-only, which hides whatever the image had in that directory — use a directory of the app's own, such as /etc/app."
          actions={
            <div className="flex flex-wrap gap-2">
              {hasSecrets && session.data?.role === "admin" ? (
                <Button size="sm" variant="secondary" onClick={() => setIsRevealed(true)} isPending={secrets.isFetching}>
                  Reveal secret files
                </Button>
              ) : null}
              <Button size="sm" variant="secondary" onClick={handleAdd}>
                New file
              </Button>
            </div>
          }
        />
        {drafts.length === 0 ? <p className="text-sm text-fg-muted">No config files.</p> : null}
        <ul aria-label="Files" className="mb-4 flex flex-col gap-1 font-mono text-sm">
          {drafts.map((d) => (
            <li key={d.id}>
              <button
                type="button"
                onClick={() => setSelectedId(d.id)}
                aria-current={d.id === selected?.id ? "true" : undefined}
                className={cn("w-full truncate rounded px-2 py-1 text-left", d.id === selected?.id ? "bg-accent/10 text-fg" : "text-fg-muted hover:text-fg")}
              >
                {d.path || "(new file)"} {d.secret ? <span className="text-xs text-warning">secret</span> : null}
              </button>
            </li>
          ))}
        </ul>
        {selected ? <FileForm key={selected.id} draft={selected} onChange={(patch) => change(selected.id, patch)} onRemove={() => handleRemove(selected.id)} /> : null}
        {secrets.isError ? <Alert tone="error">{errorMessage(secrets.error)}</Alert> : null}
        {error ? <Alert tone="error">{error}</Alert> : null}
        {isDeployed ? <Alert tone="success">Saved. A deploy is rolling the app with the new files.</Alert> : null}
        <div className="mt-4 flex gap-2">
          <Button onClick={handleSave} isPending={save.isPending || deploy.isPending} disabled={edited === null}>
            Save and deploy
          </Button>
          {edited !== null ? (
            <Button variant="secondary" onClick={() => setEdited(null)}>
              Discard changes
            </Button>
          ) : null}
        </div>
      </Card>
    </div>
  );
}

function FileForm({ draft, onChange, onRemove }: { draft: Draft; onChange: (patch: Partial<Draft>) => void; onRemove: () => void }) {
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-64 flex-1">
          <TextField id="file-path" label="Path in the container" placeholder="/etc/app/config.yaml" value={draft.path} onChange={(e) => onChange({ path: e.target.value })} />
        </div>
        <label className="flex h-10 items-center gap-2 text-sm">
          <input type="checkbox" checked={draft.secret} onChange={(e) => onChange({ secret: e.target.checked })} />
          Secret
        </label>
        <Button variant="secondary" onClick={onRemove}>
          Remove file
        </Button>
      </div>
      {draft.content === null ? (
        <Alert
          tone="info"
          action={
            <Button size="sm" variant="secondary" onClick={() => onChange({ content: "" })}>
              Replace text
            </Button>
          }
        >
          The secret text is kept as stored. Reveal it to edit, or replace it.
        </Alert>
      ) : (
        <FileEditor value={draft.content} language={fileLanguage(draft.path)} label={`Content of ${draft.path || "the new file"}`} onChange={(content) => onChange({ content })} />
      )}
    </div>
  );
}

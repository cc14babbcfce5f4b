"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Terminal, type SessionInfo } from "@/components/terminal/terminal";
import type { PodOwner } from "@/lib/ws/stream-urls";

const CONNECTING = "Connecting…";

interface Tab {
  id: number;
  pod?: string;
  container?: string;
  label: string;
  ended?: string;
}

/**
 * Several terminals at once, as tabs. Every tab stays mounted (hidden when not shown), so a
 * shell keeps running while another is in front. The chooser lists the pods and containers
 * the server reported as running when the last session started.
 */
export function TerminalTabs({ project, owner }: { project: string; owner: PodOwner }) {
  const [tabs, setTabs] = useState<Tab[]>([{ id: 1, label: CONNECTING }]);
  const [activeId, setActiveId] = useState(1);
  const [targets, setTargets] = useState<SessionInfo["targets"]>([]);
  const [choice, setChoice] = useState("");

  const update = (id: number, patch: Partial<Tab>) => setTabs((all) => all.map((t) => (t.id === id ? { ...t, ...patch } : t)));

  function handleOpen() {
    const [pod, container] = choice ? choice.split("/") : [undefined, undefined];
    const id = Math.max(0, ...tabs.map((t) => t.id)) + 1;
    setTabs((all) => [...all, { id, pod, container, label: CONNECTING }]);
    setActiveId(id);
  }

  function handleClose(id: number) {
    const rest = tabs.filter((t) => t.id !== id);
    setTabs(rest);
    if (activeId === id && rest.length > 0) setActiveId(rest[rest.length - 1].id);
  }

  return (
    <section aria-label="Terminals">
      <div className="mb-3 flex flex-wrap items-center gap-2">
        <div role="tablist" className="flex flex-wrap gap-1">
          {tabs.map((tab) => (
            <div key={tab.id} className={cn("flex items-center rounded-md border border-border", tab.id === activeId ? "bg-muted" : "bg-panel")}>
              <button type="button" role="tab" aria-selected={tab.id === activeId} className="h-8 px-3 text-sm text-fg" onClick={() => setActiveId(tab.id)}>
                {tab.label}
                {tab.ended ? " (ended)" : ""}
              </button>
              <button type="button" aria-label={`Close ${tab.label}`} className="h-8 px-2 text-fg-muted hover:text-fg" onClick={() => handleClose(tab.id)}>
                ×
              </button>
            </div>
          ))}
        </div>
        <label className="sr-only" htmlFor="terminal-target">
          Pod and container
        </label>
        <select id="terminal-target" className="h-8 rounded-md border border-border bg-panel px-2 text-sm text-fg" value={choice} onChange={(e) => setChoice(e.target.value)}>
          <option value="">First running pod</option>
          {targets.flatMap((t) =>
            t.containers.map((c) => (
              <option key={`${t.pod}/${c}`} value={`${t.pod}/${c}`}>
                {t.pod} / {c}
              </option>
            )),
          )}
        </select>
        <Button size="sm" onClick={handleOpen}>
          New terminal
        </Button>
      </div>
      {tabs.length === 0 ? <p className="text-sm text-fg-muted">No terminal open. Choose a pod and open one.</p> : null}
      {tabs.map((tab) => (
        <div key={tab.id} hidden={tab.id !== activeId}>
          <Terminal
            project={project}
            owner={owner}
            pod={tab.pod}
            container={tab.container}
            isVisible={tab.id === activeId}
            onSession={(info) => {
              update(tab.id, { label: `${info.pod} / ${info.container} (${info.shell})` });
              setTargets(info.targets);
            }}
            onExit={(reason) => update(tab.id, tab.label === CONNECTING ? { ended: reason, label: "Terminal" } : { ended: reason })}
          />
          {tab.ended ? (
            <p role="status" className="mt-2 text-sm text-fg-muted">
              {tab.ended}
            </p>
          ) : null}
        </div>
      ))}
    </section>
  );
}

"use client";

import { useEffect, useRef } from "react";
import { setUpMonaco } from "@/components/yaml-editor/monaco-setup";

/** Monaco's side-by-side diff of the live object (left) and what the dry run says it becomes (right). */
export function YamlDiff({ original, modified, height = "50vh" }: { original: string; modified: string; height?: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const { monaco } = setUpMonaco();
    const left = monaco.editor.createModel(original, "yaml");
    const right = monaco.editor.createModel(modified, "yaml");
    const diff = monaco.editor.createDiffEditor(host.current!, {
      readOnly: true,
      automaticLayout: true,
      renderSideBySide: true,
      hideUnchangedRegions: { enabled: true, contextLineCount: 3, minimumLineCount: 3, revealLineCount: 20 },
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      theme: document.documentElement.classList.contains("dark") ? "vs-dark" : "vs",
    });
    diff.setModel({ original: left, modified: right });
    return () => {
      diff.dispose();
      left.dispose();
      right.dispose();
    };
  }, [original, modified]);
  return <div ref={host} style={{ height }} className="overflow-hidden rounded-md border border-border" data-testid="yaml-diff" />;
}

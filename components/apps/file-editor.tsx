"use client";

import { useEffect, useRef } from "react";
import type * as Monaco from "monaco-editor";
import { setUpMonaco } from "@/components/yaml-editor/monaco-setup";

type FileEditorProps = { value: string; language: string; label: string; onChange: (value: string) => void };

/**
 * A Monaco editor for one config file, highlighted by its type. Loaded through next/dynamic
 * (ssr: false) like the YAML editor, whose Monaco setup and workers it shares. Remount it (a
 * `key`) to edit another file.
 */
export function FileEditor({ value, language, label, onChange }: FileEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);

  useEffect(() => {
    const { monaco } = setUpMonaco();
    const model: Monaco.editor.ITextModel = monaco.editor.createModel(value, language);
    const editor = monaco.editor.create(host.current!, {
      model,
      automaticLayout: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      tabSize: 2,
      fontSize: 13,
      theme: document.documentElement.classList.contains("dark") ? "vs-dark" : "vs",
      ariaLabel: label,
    });
    const sub = model.onDidChangeContent(() => onChangeRef.current(model.getValue()));
    return () => {
      sub.dispose();
      editor.dispose();
      model.dispose();
    };
    // Created once per file (the parent keys it); typing flows out through onChange.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return <div ref={host} data-testid="file-editor" className="h-[50vh] min-h-64 w-full overflow-hidden rounded-md border border-border" />;
}

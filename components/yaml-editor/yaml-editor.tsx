"use client";

import { useEffect, useRef } from "react";
import type * as Monaco from "monaco-editor";
import { parseYamlSafely } from "@/lib/yaml/parse-yaml-safely";
import type { YamlFieldProblem } from "@/lib/yaml/yaml-dto";
import { applyClusterSchema, setUpMonaco } from "@/components/yaml-editor/monaco-setup";

export type YamlEditorProps = {
  value: string;
  onChange?: (value: string) => void;
  isReadOnly?: boolean;
  /** The cluster's combined JSON Schema (validation, completion, hover). */
  schema?: object;
  /** The API server's complaints from the last dry run, placed at their lines. */
  problems?: YamlFieldProblem[];
  height?: string;
  label: string;
  onEditorReady?: (editor: Monaco.editor.IStandaloneCodeEditor) => void;
};

const SAFETY_OWNER = "berth-safety";
const API_OWNER = "berth-api";

function isDark(): boolean {
  return document.documentElement.classList.contains("dark");
}

/**
 * A Monaco YAML editor. Besides the schema markers from monaco-yaml it marks what Berth's
 * server would refuse anyway (duplicate keys, alias bombs, oversized documents) as you type,
 * and the API server's errors from the last dry run.
 */
export function YamlEditor({ value, onChange, isReadOnly = false, schema, problems, height = "60vh", label, onEditorReady }: YamlEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<Monaco.editor.IStandaloneCodeEditor | null>(null);
  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);

  useEffect(() => {
    const { monaco } = setUpMonaco();
    const model = monaco.editor.createModel(value, "yaml");
    const editor = monaco.editor.create(host.current!, {
      model,
      readOnly: isReadOnly,
      automaticLayout: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      tabSize: 2,
      fontSize: 13,
      theme: isDark() ? "vs-dark" : "vs",
      ariaLabel: label,
      hover: { enabled: true, delay: 300 },
      quickSuggestions: { other: true, comments: false, strings: true },
    });
    editorRef.current = editor;
    const checkSafety = () => {
      const result = parseYamlSafely(model.getValue());
      const markers = result.ok
        ? []
        : result.problems.map((p) => ({ severity: monaco.MarkerSeverity.Error, message: p.message, startLineNumber: p.line ?? 1, startColumn: p.column ?? 1, endLineNumber: p.line ?? 1, endColumn: 1000 }));
      monaco.editor.setModelMarkers(model, SAFETY_OWNER, markers);
    };
    checkSafety();
    const sub = model.onDidChangeContent(() => {
      checkSafety();
      monaco.editor.setModelMarkers(model, API_OWNER, []);
      onChangeRef.current?.(model.getValue());
    });
    onEditorReady?.(editor);
    return () => {
      sub.dispose();
      editor.dispose();
      model.dispose();
      editorRef.current = null;
    };
    // The editor is created once; later value changes go through the effect below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (model && model.getValue() !== value) model.setValue(value);
  }, [value]);

  useEffect(() => {
    editorRef.current?.updateOptions({ readOnly: isReadOnly });
  }, [isReadOnly]);

  useEffect(() => {
    applyClusterSchema(schema);
  }, [schema]);

  useEffect(() => {
    const { monaco } = setUpMonaco();
    const model = editorRef.current?.getModel();
    if (!model) return;
    monaco.editor.setModelMarkers(
      model,
      API_OWNER,
      (problems ?? []).map((p) => ({ severity: monaco.MarkerSeverity.Error, message: p.message, startLineNumber: p.line, startColumn: p.column, endLineNumber: p.endLine, endColumn: p.endColumn })),
    );
  }, [problems]);

  return <div ref={host} style={{ height }} className="overflow-hidden rounded-md border border-border" data-testid="yaml-editor" />;
}

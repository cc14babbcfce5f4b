"use client";

import { useMemo, useState } from "react";
import { explainKind, formatExplain, type FieldNode } from "@/lib/yaml/field-tree";
import type { ClusterSchemaSet } from "@/lib/yaml/openapi-to-json-schema";
import { CopyButton } from "@/components/ui/copy-button";

function FieldRow({ node, depth }: { node: FieldNode; depth: number }) {
  const [isOpen, setIsOpen] = useState(depth < 1);
  const hasChildren = node.children.length > 0;
  return (
    <li>
      <button
        type="button"
        onClick={() => setIsOpen(!isOpen)}
        className="flex w-full items-baseline gap-2 rounded px-1 py-0.5 text-left font-mono text-xs hover:bg-muted"
        aria-expanded={hasChildren ? isOpen : undefined}
      >
        <span className="w-3 text-fg-muted">{hasChildren ? (isOpen ? "▾" : "▸") : ""}</span>
        <span className="font-semibold text-fg">{node.name}</span>
        <span className="text-fg-muted">&lt;{node.type}&gt;</span>
        {node.isRequired ? <span className="text-danger">required</span> : null}
      </button>
      {isOpen ? (
        <div className="pl-5">
          {node.description ? <p className="mb-1 whitespace-pre-wrap text-xs text-fg-muted">{node.description}</p> : null}
          {node.enumValues ? <p className="mb-1 font-mono text-xs text-fg-muted">one of: {node.enumValues.join(", ")}</p> : null}
          {hasChildren ? (
            <ul>
              {node.children.map((child) => (
                <FieldRow key={child.path} node={child} depth={depth + 1} />
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

/**
 * Browse a kind's fields the way `kubectl explain --recursive` lists them, from the connected
 * cluster's own schemas (so CRDs are there too).
 */
export function ExplainPanel({ set, initialKind }: { set: ClusterSchemaSet; initialKind?: { apiVersion: string; kind: string } }) {
  const options = set.kinds.map((k) => `${k.apiVersion}|${k.kind}`);
  const initial = initialKind && options.includes(`${initialKind.apiVersion}|${initialKind.kind}`) ? `${initialKind.apiVersion}|${initialKind.kind}` : options[0];
  const [selected, setSelected] = useState(initial);
  const [apiVersion, kind] = (selected ?? "|").split("|");
  const explained = useMemo(() => explainKind(set, apiVersion, kind), [set, apiVersion, kind]);
  return (
    <section aria-label="Explain" className="flex h-full flex-col gap-2 rounded-md border border-border bg-panel p-3">
      <div className="flex items-center gap-2">
        <label className="text-sm font-medium text-fg" htmlFor="explain-kind">
          Explain
        </label>
        <select id="explain-kind" value={selected} onChange={(e) => setSelected(e.target.value)} className="min-w-0 flex-1 rounded-md border border-border bg-surface px-2 py-1 text-sm">
          {set.kinds.map((k) => (
            <option key={`${k.apiVersion}|${k.kind}`} value={`${k.apiVersion}|${k.kind}`}>
              {k.kind} ({k.apiVersion})
            </option>
          ))}
        </select>
        {explained ? <CopyButton value={formatExplain(kind, apiVersion, explained.fields)} label="Copy" /> : null}
      </div>
      {explained ? (
        <div className="min-h-0 flex-1 overflow-auto">
          <p className="mb-2 text-xs text-fg-muted">{explained.description}</p>
          <ul>
            {explained.fields.map((node) => (
              <FieldRow key={node.path} node={node} depth={0} />
            ))}
          </ul>
        </div>
      ) : (
        <p className="text-sm text-fg-muted">The cluster does not describe this kind.</p>
      )}
    </section>
  );
}

/**
 * Loads Monaco and monaco-yaml once per page, with workers served from Berth's own bundle.
 * Only the YAML pages import this (through next/dynamic with ssr: false), so Monaco stays out
 * of every other page's JavaScript.
 */
import * as monaco from "monaco-editor";
import { configureMonacoYaml, type MonacoYaml } from "monaco-yaml";

export const SCHEMA_URI = "berth://cluster/schemas.json";

let yaml: MonacoYaml | undefined;

function installWorkers(): void {
  const scope = globalThis as typeof globalThis & { MonacoEnvironment?: monaco.Environment };
  if (scope.MonacoEnvironment?.getWorker) return;
  scope.MonacoEnvironment = {
    getWorker(_moduleId: string, label: string) {
      if (label === "yaml") return new Worker(new URL("./yaml.worker.ts", import.meta.url), { type: "module", name: "yaml" });
      return new Worker(new URL("./editor.worker.ts", import.meta.url), { type: "module", name: "editor" });
    },
  };
}

/** Monaco with the YAML language service configured (schema set later, when it has loaded). */
export function setUpMonaco(): { monaco: typeof monaco; yaml: MonacoYaml } {
  installWorkers();
  yaml ??= configureMonacoYaml(monaco, { enableSchemaRequest: false, hover: true, completion: true, validate: true, schemas: [] });
  return { monaco, yaml };
}

/** Points every YAML model at the cluster's combined schema. */
export function applyClusterSchema(schema: object | undefined): void {
  if (!yaml || !schema) return;
  void yaml.update({ schemas: [{ uri: SCHEMA_URI, fileMatch: ["*"], schema: schema as never }] });
}

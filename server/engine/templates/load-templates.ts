import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { issueSentences } from "@/lib/schemas/format-issues";
import { templateSchema, type Template } from "@/lib/schemas/template";
import { AppError } from "@/server/errors";

/**
 * The one-click templates: every `templates/<id>.yaml` in the repository, parsed and checked once.
 * A broken file is a bug Berth ships, so it fails loudly (and the template tests fail) rather
 * than being skipped.
 */

export const TEMPLATES_DIR = path.join(process.cwd(), "templates");

let cache: Template[] | undefined;

/** Parses one template file; the error names the file and every field to fix. */
export function parseTemplateFile(file: string, text: string): Template {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    throw new Error(`${file}: not valid YAML (${(error as Error).message})`);
  }
  const result = templateSchema.safeParse(data);
  if (!result.success) throw new Error(`${file}: ${issueSentences(result.error).join("; ")}`);
  const expectedId = path.basename(file).replace(/\.ya?ml$/, "");
  if (result.data.id !== expectedId) throw new Error(`${file}: the id "${result.data.id}" must match the file name "${expectedId}"`);
  return result.data;
}

export function loadTemplates(dir = TEMPLATES_DIR): Template[] {
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => parseTemplateFile(name, readFileSync(path.join(dir, name), "utf8")));
}

/** The shipped templates, read from disk once per process. */
export function listTemplates(): Template[] {
  cache ??= loadTemplates();
  return cache;
}

export function getTemplate(id: string): Template {
  const template = listTemplates().find((t) => t.id === id);
  if (!template) throw new AppError({ code: "not_found", message: `There is no template "${id}"; GET /api/templates lists them.` });
  return template;
}

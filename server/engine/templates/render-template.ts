import type { z } from "zod";
import { appSpecSchema, type AppSpec } from "@/lib/schemas/app";
import { createDatabaseSchema, resolveDatabaseSpec, type DatabaseSpec } from "@/lib/schemas/database";
import { formatIssuePath } from "@/lib/schemas/format-issues";
import { hostname } from "@/lib/schemas/kube-validators";
import { quantity } from "@/lib/schemas/quantity";
import { PLACEHOLDER, type Template, type TemplateParameter } from "@/lib/schemas/template";
import { generatePassword } from "@/server/engine/databases/credentials";
import { AppError } from "@/server/errors";

/**
 * Fills a template's parameters into its resources and checks the result against the app and
 * database schemas: what the install creates, or a sentence saying which value to fix. Only
 * string values are substituted, by plain text replacement; nothing is evaluated.
 */

export interface RenderedTemplate {
  databases: DatabaseSpec[];
  apps: AppSpec[];
}

const VALUE_RULES: Record<TemplateParameter["type"], z.ZodType<string> | undefined> = {
  text: undefined,
  hostname,
  size: quantity("storage"),
  secret: undefined,
};

function invalid(message: string): AppError {
  return new AppError({ code: "invalid", message });
}

/** The value of every parameter: given, else its default, else generated, else "" (optional ones). */
export function resolveParameters(template: Template, given: Record<string, string>): Record<string, string> {
  const known = new Set(template.parameters.map((p) => p.name));
  const unknown = Object.keys(given).filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw invalid(`The template "${template.id}" has no parameter ${unknown.map((n) => `"${n}"`).join(", ")}; it takes ${[...known].map((n) => `"${n}"`).join(", ") || "none"}.`);
  }
  const values: Record<string, string> = {};
  for (const p of template.parameters) {
    const value = given[p.name] ?? p.default ?? (p.generate ? generatePassword(p.generate.length) : "");
    if (value === "" && p.required) throw invalid(`parameters.${p.name}: ${p.label} is required — fill it in.`);
    const rule = VALUE_RULES[p.type];
    const checked = value === "" ? undefined : rule?.safeParse(value);
    if (checked && !checked.success) throw invalid(`parameters.${p.name}: ${checked.error.issues[0].message}`);
    if (p.type === "secret" && value !== "" && value.length < 12) throw invalid(`parameters.${p.name}: a secret needs at least 12 characters — leave it empty to have one generated.`);
    values[p.name] = value;
  }
  return values;
}

/** Replaces `{{name}}` in every string value; keys, numbers and booleans are left as written. */
export function substitute(value: unknown, values: Record<string, string>): unknown {
  if (typeof value === "string") {
    return value.replace(PLACEHOLDER, (_, name: string) => {
      if (!(name in values)) throw invalid(`{{${name}}} is not a parameter of this template.`);
      return values[name];
    });
  }
  if (Array.isArray(value)) return value.map((item) => substitute(item, values));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, values)]));
  return value;
}

/**
 * A hostname whose host is an optional parameter left empty is no hostname at all: the template
 * offers one ("a hostname, if you have one") without making it required.
 */
function dropEmptyHostnames(app: unknown): unknown {
  if (!app || typeof app !== "object" || !Array.isArray((app as { hostnames?: unknown }).hostnames)) return app;
  const hostnames = (app as { hostnames: unknown[] }).hostnames.filter((h) => !(h && typeof h === "object" && (h as { host?: unknown }).host === ""));
  return { ...app, hostnames };
}

function parseEach<T>(bodies: unknown[], schema: z.ZodType<T>, field: string, templateId: string): T[] {
  return bodies.map((body, i) => {
    const result = schema.safeParse(body);
    if (result.success) return result.data;
    const issues = result.error.issues.map((issue) => `${formatIssuePath([field, i, ...issue.path])}: ${issue.message}`);
    throw invalid(`The template "${templateId}" with these parameters makes an invalid resource — ${issues.join("; ")}.`);
  });
}

export function renderTemplate(template: Template, given: Record<string, string>): RenderedTemplate {
  const values = resolveParameters(template, given);
  const databases = parseEach(template.databases.map((d) => substitute(d, values)), createDatabaseSchema, "databases", template.id).map(resolveDatabaseSpec);
  const apps = parseEach(template.apps.map((a) => dropEmptyHostnames(substitute(a, values))), appSpecSchema, "apps", template.id);
  const names = [...databases.map((d) => d.name), ...apps.map((a) => a.name)];
  const twice = names.find((name, i) => names.indexOf(name) !== i);
  if (twice) throw invalid(`The template "${template.id}" makes two resources named "${twice}" — apps and databases share the namespace's Services.`);
  for (const app of apps) {
    const missing = (app.links ?? []).find((link) => !databases.some((d) => d.name === link.database));
    if (missing) throw invalid(`The template "${template.id}" links app "${app.name}" to "${missing.database}", which it does not create.`);
  }
  return { databases, apps };
}

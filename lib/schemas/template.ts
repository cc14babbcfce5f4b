import { z } from "zod";
import { dnsLabel, requiredOr, strictObject } from "@/lib/schemas/kube-validators";

/**
 * A one-click template as stored in `templates/<id>.yaml`: what it asks for (parameters) and the
 * Berth resources it makes (databases, then apps with their hostnames, volumes and links). The
 * resources are Berth's own create bodies, never Kubernetes YAML, so what a template makes is
 * managed like anything else; they are checked against the app and database schemas once their
 * `{{parameter}}` placeholders are filled (server/engine/templates/render-template.ts).
 */

/** `{{ name }}` in a string value; nothing else is substituted and nothing is evaluated. */
export const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const PARAMETER_NAME = /^[a-z][a-zA-Z0-9]*$/;

export const TEMPLATE_PARAMETER_TYPES = ["text", "hostname", "size", "secret"] as const;
export type TemplateParameterType = (typeof TEMPLATE_PARAMETER_TYPES)[number];

const generatedSecret = strictObject({
  generate: z.literal("secret", { error: 'expected "secret" (the only value generated today)' }),
  length: z.number({ error: requiredOr("expected a length") }).int({ error: "expected a whole length" }).min(16, { error: "a generated secret has at least 16 characters" }).max(128, { error: "a generated secret has at most 128 characters" }),
});

export const templateParameterSchema = strictObject({
  name: z.string({ error: requiredOr("expected a parameter name") }).regex(PARAMETER_NAME, { error: "a parameter name is camelCase letters and digits, starting with a lowercase letter" }),
  label: z.string({ error: requiredOr("expected a label the form shows") }).min(1, { error: "expected a label the form shows" }).max(80, { error: "at most 80 characters" }),
  description: z.string({ error: "expected a sentence" }).max(300, { error: "at most 300 characters" }).optional(),
  type: z.enum(TEMPLATE_PARAMETER_TYPES, { error: `expected one of ${TEMPLATE_PARAMETER_TYPES.join(", ")}` }),
  /** Left out, and not generated: the parameter is optional and fills in as "". */
  default: z.string({ error: "expected a string (quote numbers and sizes)" }).max(4096, { error: "at most 4096 characters" }).optional(),
  generate: generatedSecret.optional(),
  required: z.boolean({ error: "expected true or false" }).default(false),
});
export type TemplateParameter = z.output<typeof templateParameterSchema>;

/** A resource body: any JSON object, checked against its own schema after substitution. */
const resourceBody = z.record(z.string(), z.unknown(), { error: "expected an object (a create body)" });

export const templateSchema = strictObject({
  id: dnsLabel(40),
  title: z.string({ error: requiredOr("expected a title") }).min(1, { error: "expected a title" }).max(80, { error: "at most 80 characters" }),
  description: z.string({ error: requiredOr("expected a description") }).min(1, { error: "expected a description" }).max(500, { error: "at most 500 characters" }),
  icon: z.string({ error: requiredOr("expected an emoji or a short name") }).min(1, { error: "expected an emoji or a short name" }).max(32, { error: "at most 32 characters" }),
  /** A link to the project's own documentation, shown beside the form. */
  website: z.url({ error: "expected an https URL" }).optional(),
  parameters: z.array(templateParameterSchema, { error: "expected a list of parameters" }).max(20, { error: "at most 20 parameters" }).default([]),
  /** Created first, so the apps' links find them. Each is a `POST …/databases` body. */
  databases: z.array(resourceBody, { error: "expected a list of database create bodies" }).max(5, { error: "at most 5 databases" }).default([]),
  /** Each is an app spec (`POST …/apps`), hostnames, volumes and links included. */
  apps: z.array(resourceBody, { error: "expected a list of app specs" }).min(1, { error: "a template makes at least one app" }).max(10, { error: "at most 10 apps" }),
}).superRefine((template, ctx) => {
  const declared = new Map<string, number>();
  template.parameters.forEach((p, i) => {
    if (declared.has(p.name)) ctx.addIssue({ code: "custom", path: ["parameters", i, "name"], message: `the parameter "${p.name}" is declared twice — each name must be unique` });
    declared.set(p.name, i);
    if (p.generate && p.type !== "secret") ctx.addIssue({ code: "custom", path: ["parameters", i, "generate"], message: `only a secret parameter can be generated; "${p.name}" is ${p.type}` });
    if (p.generate && p.default !== undefined) ctx.addIssue({ code: "custom", path: ["parameters", i, "default"], message: `"${p.name}" is generated, so it cannot also have a default — keep one` });
  });
  for (const field of ["databases", "apps"] as const) {
    template[field].forEach((body, i) => {
      for (const { path, name } of placeholdersIn(body)) {
        if (!declared.has(name)) ctx.addIssue({ code: "custom", path: [field, i, ...path], message: `{{${name}}} is not a declared parameter — declare it under parameters or fix the spelling` });
      }
    });
  }
});
export type Template = z.output<typeof templateSchema>;

/** Every `{{name}}` in the string values of a body, with where it sits. */
export function placeholdersIn(value: unknown, path: Array<string | number> = []): Array<{ path: Array<string | number>; name: string }> {
  if (typeof value === "string") return [...value.matchAll(PLACEHOLDER)].map((m) => ({ path, name: m[1] }));
  if (Array.isArray(value)) return value.flatMap((item, i) => placeholdersIn(item, [...path, i]));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => placeholdersIn(v, [...path, k]));
  return [];
}

/** Body of `POST /api/projects/:p/templates/:id`: the parameter values by name, all strings. */
export const installTemplateSchema = strictObject({
  parameters: z.record(z.string(), z.string({ error: "expected a string (quote numbers and sizes)" }), { error: "expected an object of parameter values" }).default({}),
});
export type InstallTemplateInput = z.input<typeof installTemplateSchema>;

import type { TemplateSummary } from "@/lib/dto/template";
import { listTemplates } from "@/server/engine/templates/load-templates";

/** The shipped templates for the list and the form; images and engines read from the raw bodies, before any parameter is filled. */
export function listTemplateSummaries(): TemplateSummary[] {
  return listTemplates().map((t) => ({
    id: t.id,
    title: t.title,
    description: t.description,
    icon: t.icon,
    website: t.website,
    parameters: t.parameters.map((p) => ({ name: p.name, label: p.label, description: p.description, type: p.type, default: p.default, generated: p.generate !== undefined, required: p.required })),
    images: t.apps.map((a) => String(a.image)),
    engines: t.databases.map((d) => String(d.engine)),
  }));
}

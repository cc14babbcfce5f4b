/**
 * A YAML file download (the project export, its manifests): an attachment named after what it
 * holds, never cached — it may hold secret values.
 */
export function yamlDownload(text: string, filename: string): Response {
  return new Response(text, {
    headers: {
      "Content-Type": "application/yaml; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
}

import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Card, CardHeader } from "@/components/ui/card";
import type { ProjectImportDto } from "@/lib/dto/project-import";

/** What an import created, and each secret value the file left out, with a link to where it is set. */
export function ImportResult({ result }: { result: ProjectImportDto }) {
  const projectHref = `/projects/${encodeURIComponent(result.project)}`;
  return (
    <div className="flex flex-col gap-4">
      <Alert tone="success" title={`Imported project ${result.project}`} action={<Link href={projectHref} className="text-sm font-medium underline">Open the project</Link>}>
        {result.message}
      </Alert>
      {result.toSet.length > 0 ? (
        <Card aria-labelledby="to-set-heading">
          <CardHeader
            headingId="to-set-heading"
            title="Left to be set"
            description="The file was exported without secret values, so these are empty. Set each one, then deploy the app; the apps needing them were not deployed."
          />
          <ul aria-label="Secret values to set" className="flex flex-col divide-y divide-border">
            {result.toSet.map((s) => (
              <li key={`${s.resource} ${s.what}`} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                <span className="min-w-0 break-words">
                  <span className="font-medium">{s.resource}</span>: {s.what}
                </span>
                <Link href={s.where} className="text-accent underline">Set it</Link>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      <p className="text-sm text-fg-muted">
        Created {result.apps.length} app{result.apps.length === 1 ? "" : "s"}, {result.databases.length} database{result.databases.length === 1 ? "" : "s"} and {result.registries.length} registry login{result.registries.length === 1 ? "" : "s"}.
      </p>
    </div>
  );
}

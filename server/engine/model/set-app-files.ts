import type { PutAppFiles } from "@/lib/dto/app-files";
import type { Acting } from "@/server/auth/audit";
import type { AppRecord } from "@/server/engine/model/app-record";
import { editAppSpec } from "@/server/engine/model/edit-app-spec";
import { keepFileContents } from "@/server/engine/model/keep-file-contents";

/**
 * Replaces the app's config files (the whole list); they reach the pods with the next deploy,
 * whose files checksum rolls them. Audited with the paths, never the contents.
 */
export function setAppFiles(by: Acting, project: string, app: string, body: PutAppFiles): Promise<AppRecord> {
  return editAppSpec(by, project, app, {
    action: "app.files.update",
    detail: { paths: body.files.map((f) => f.path) },
    edit: (spec) => ({ ...spec, files: keepFileContents(spec.files, body.files) }),
  });
}

import { z } from "zod";
import { appFileSchema, MAX_FILES } from "@/lib/schemas/app-files";
import { strictObject } from "@/lib/schemas/kube-validators";

/**
 * `GET /api/projects/:p/apps/:a/files`: every file with its checksum; a plain file's text, a
 * secret file's never (null) — admins fetch those through `…/files/reveal`, which is audited.
 */
export const appFileViewSchema = z.object({
  path: z.string(),
  secret: z.boolean(),
  checksum: z.string(),
  content: z.string().nullable(),
});
export type AppFileView = z.infer<typeof appFileViewSchema>;
export const appFileListSchema = z.object({ files: z.array(appFileViewSchema) });
export type AppFileList = z.infer<typeof appFileListSchema>;

/** `GET …/files/reveal` (admin): the text of the secret files. */
export const secretFileContentsSchema = z.object({ files: z.array(z.object({ path: z.string(), content: z.string() })) });
export type SecretFileContents = z.infer<typeof secretFileContentsSchema>;

/**
 * Body of `PUT …/files`: the whole list. A secret file may leave out `content` to keep the text
 * it has at that path (clients never see it); the full spec rules are checked after the merge.
 */
export const putAppFilesSchema = strictObject({
  files: z
    .array(appFileSchema.extend({ content: appFileSchema.shape.content.optional() }), { error: "expected a list of { path, content, secret? }" })
    .max(MAX_FILES, { error: `at most ${MAX_FILES} files` }),
});
export type PutAppFiles = z.input<typeof putAppFilesSchema>;

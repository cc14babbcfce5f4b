import { appFileListSchema, putAppFilesSchema } from "@/lib/dto/app-files";
import { setAppFiles } from "@/server/engine/model/set-app-files";
import { readAppFiles } from "@/server/engine/queries/app-files";
import { appParamsSchema } from "@/server/http/project-api/route-schemas";
import { withAuth } from "@/server/http/with-auth";

/** The app's config files: plain ones with their text, secret ones with a checksum only. */
export const GET = withAuth(async ({ params }) => Response.json(appFileListSchema.parse(await readAppFiles(params.project, params.app))), {
  params: appParamsSchema,
});

/** Replaces the whole list `{ files: [{ path, content, secret? }] }`; the next deploy mounts them and rolls the pods. */
export const PUT = withAuth(
  async ({ params, body, principal, clientIp }) => {
    await setAppFiles({ principal, ip: clientIp }, params.project, params.app, body);
    return Response.json(appFileListSchema.parse(await readAppFiles(params.project, params.app)));
  },
  { params: appParamsSchema, body: putAppFilesSchema },
);

import { getApp } from "@/server/engine/model/get-app";
import { updateApp } from "@/server/engine/model/update-app";
import { deleteApp } from "@/server/engine/operations/delete-app";
import { toAppDetail } from "@/server/http/project-api/app-views";
import { respondWithOperation } from "@/server/http/project-api/respond-operation";
import { appParamsSchema, appReplaceBodySchema, deleteAppQuerySchema } from "@/server/http/project-api/route-schemas";
import { withAuth } from "@/server/http/with-auth";

/** One app's spec (secret values left out). */
export const GET = withAuth(async ({ params }) => Response.json(toAppDetail(await getApp(params.project, params.app))), {
  params: appParamsSchema,
});

/** Replaces the app's spec; it reaches the cluster with the next deploy. */
export const PUT = withAuth(
  async ({ params, body, principal, clientIp }) => {
    const app = await updateApp({ principal, ip: clientIp }, params.project, params.app, body);
    return Response.json(toAppDetail(app));
  },
  { params: appParamsSchema, body: appReplaceBodySchema },
);

/** Deletes the app's objects; its volumes (data) only with `?deleteData=true`. */
export const DELETE = withAuth(
  async ({ params, query, principal, clientIp }) => {
    const operation = await deleteApp({ principal, ip: clientIp }, { ...params, deleteData: query.deleteData });
    return respondWithOperation({ operation }, { wait: query.wait, project: params.project });
  },
  { params: appParamsSchema, query: deleteAppQuerySchema },
);

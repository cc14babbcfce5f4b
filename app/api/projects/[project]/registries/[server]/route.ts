import { registryChangeSchema } from "@/lib/dto/registry";
import { registryUpdateSchema } from "@/lib/schemas/registry";
import { removeRegistry } from "@/server/engine/operations/remove-registry";
import { updateRegistry } from "@/server/engine/operations/update-registry";
import { registryParamsSchema } from "@/server/http/project-api/route-schemas";
import { withAuth, type AuthedContext } from "@/server/http/with-auth";

type UpdateContext = AuthedContext<typeof registryUpdateSchema, typeof registryParamsSchema, undefined>;

async function update({ params, body, principal, clientIp }: UpdateContext) {
  return Response.json(registryChangeSchema.parse(await updateRegistry({ principal, ip: clientIp }, params.project, params.server, body)));
}

/** Changes the login's `{ username?, password? }` and rewrites its Secret (PUT and PATCH alike: the server is the path). */
export const PUT = withAuth(update, { params: registryParamsSchema, body: registryUpdateSchema });
export const PATCH = withAuth(update, { params: registryParamsSchema, body: registryUpdateSchema });

/** Removes the login and deletes its Secret; running pods keep running. */
export const DELETE = withAuth(
  async ({ params, principal, clientIp }) => Response.json(registryChangeSchema.parse(await removeRegistry({ principal, ip: clientIp }, params.project, params.server))),
  { params: registryParamsSchema },
);

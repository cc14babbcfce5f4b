import { registryChangeSchema, registryListSchema } from "@/lib/dto/registry";
import { registryCreateSchema } from "@/lib/schemas/registry";
import { addRegistry } from "@/server/engine/operations/add-registry";
import { listRegistries } from "@/server/engine/queries/list-registries";
import { projectParamsSchema } from "@/server/http/project-api/route-schemas";
import { withAuth } from "@/server/http/with-auth";

/** The project's registry logins and the apps each is for; passwords are never returned. */
export const GET = withAuth(
  async ({ params }) => Response.json(registryListSchema.parse({ registries: await listRegistries(params.project) })),
  { params: projectParamsSchema },
);

/** Adds `{ server, username, password }`: writes its Secret and redeploys the apps on that registry. */
export const POST = withAuth(
  async ({ params, body, principal, clientIp }) =>
    Response.json(registryChangeSchema.parse(await addRegistry({ principal, ip: clientIp }, params.project, body)), { status: 201 }),
  { params: projectParamsSchema, body: registryCreateSchema },
);

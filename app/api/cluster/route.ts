import { describeCluster } from "@/server/kube/cluster";
import { withAuth } from "@/server/http/with-auth";

export const dynamic = "force-dynamic";

/** Which cluster Berth is connected to, where the configuration came from, and whether it answers. */
export const GET = withAuth(async () => Response.json(await describeCluster()));

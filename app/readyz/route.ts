import { checkReadiness } from "@/server/health/check-readiness";

export const dynamic = "force-dynamic";

/**
 * Readiness: the database answers and the cluster API is reachable. Public (probes carry no
 * credentials), so it reports only ok/failing per check, never addresses or errors.
 */
export async function GET(): Promise<Response> {
  const readiness = await checkReadiness();
  return Response.json(readiness, {
    status: readiness.status === "ok" ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}

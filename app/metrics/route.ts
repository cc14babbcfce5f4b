import { withAuth } from "@/server/http/with-auth";
import { renderMetrics } from "@/server/metrics/berth-metrics";

export const dynamic = "force-dynamic";

/**
 * Prometheus scrape endpoint. Needs a Berth token like any API call (a viewer token is enough:
 * create one on the settings page and give it to Prometheus as a bearer token), because the
 * numbers reveal how Berth is used.
 */
export const GET = withAuth(async () => {
  const { text, contentType } = await renderMetrics();
  return new Response(text, { headers: { "Content-Type": contentType, "Cache-Control": "no-store" } });
});

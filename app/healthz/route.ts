/** Liveness: the process is up and serving. Public by design; says nothing else. */
export function GET(): Response {
  return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
}

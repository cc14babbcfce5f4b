import { getDb } from "@/server/db/client";
import { describeCluster } from "@/server/kube/cluster";

export interface Readiness {
  status: "ok" | "unavailable";
  checks: { database: "ok" | "failing"; cluster: "ok" | "failing" };
}

/** Checks the two things Berth cannot work without, each reduced to ok/failing. */
export async function checkReadiness(): Promise<Readiness> {
  const [database, cluster] = await Promise.all([
    getDb()
      .$queryRaw`SELECT 1`.then(() => "ok" as const)
      .catch(() => "failing" as const),
    describeCluster().then((info) => (info.reachable ? ("ok" as const) : ("failing" as const))),
  ]);
  return { status: database === "ok" && cluster === "ok" ? "ok" : "unavailable", checks: { database, cluster } };
}

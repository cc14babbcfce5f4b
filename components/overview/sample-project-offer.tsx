"use client";

import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { errorMessage } from "@/lib/api-client";
import { useCluster } from "@/lib/queries/cluster";
import type { useLoadSample } from "@/lib/queries/sample";
import { useSession } from "@/lib/queries/session";

/**
 * "Load a sample project", offered to admins in demo mode only (the simulated cluster, as the
 * cluster card says; the server refuses it anywhere else too). Hidden once the sample exists,
 * except right after loading it, when it says what happened and links to it. The page holds
 * `load`, so that answer stays when the offer moves down the page as the sample appears.
 */
export function SampleProjectOffer({ hasSample, load }: { hasSample: boolean; load: ReturnType<typeof useLoadSample> }) {
  const cluster = useCluster();
  const session = useSession();

  if (!cluster.data?.isSimulated || session.data?.role !== "admin") return null;
  if (hasSample && load.isIdle) return null;

  return (
    <Card aria-labelledby="sample-project-heading">
      <CardHeader
        headingId="sample-project-heading"
        title="Try Berth on a sample project"
        description="Demo mode: one project with a web app (hostname, volume, env), a background worker and an app whose image does not exist, all deployed — health, logs, a terminal and a failure explained, within a minute."
        actions={
          <Button onClick={() => load.mutate()} isPending={load.isPending}>
            Load a sample project
          </Button>
        }
      />
      {load.isError ? <Alert tone="error" title="The sample project was not loaded">{errorMessage(load.error)}</Alert> : null}
      {load.data ? (
        <Alert tone={load.data.created ? "success" : "info"}>
          {load.data.message}{" "}
          <Link href={`/projects/${encodeURIComponent(load.data.project)}`} className="font-medium underline">
            Open the sample project
          </Link>
        </Alert>
      ) : null}
    </Card>
  );
}

import { sampleLoadSchema } from "@/lib/dto/sample";
import { AppError } from "@/server/errors";
import { loadSampleProject } from "@/server/engine/sample/load-sample-project";
import { withAuth } from "@/server/http/with-auth";
import { clusterKubeConfig, isSimulatedCluster } from "@/server/kube/cluster";

/**
 * Loads the sample project (admin only): offered in demo mode alone, i.e. when Berth started
 * its own simulated cluster (BERTH_CLUSTER=sim, or no cluster found). On a real cluster it is
 * refused before anything is read or written: nobody's cluster gets apps they did not ask for.
 */
export const POST = withAuth(async ({ principal, clientIp }) => {
  if (!isSimulatedCluster()) {
    throw new AppError({
      code: "conflict",
      message: "The sample project is only for demo mode (Berth's simulated cluster); Berth is connected to a real cluster, so nothing was created — create a project on the Projects page instead.",
    });
  }
  const loaded = await loadSampleProject({ principal, ip: clientIp }, clusterKubeConfig());
  return Response.json(sampleLoadSchema.parse(loaded), { status: loaded.created ? 201 : 200 });
});

import { describe, expect, it } from "vitest";
import { berthRuntime, commandForOperator, commandHere } from "@/server/operator-command";

const checkout = {};
const container = { BERTH_IN_IMAGE: "1" };
const pod = { BERTH_IN_IMAGE: "1", KUBERNETES_SERVICE_HOST: "10.43.0.1" };

describe("the maintenance command a message names", () => {
  it("tells a checkout, a container and a pod apart", () => {
    expect([checkout, container, pod, { KUBERNETES_SERVICE_HOST: "10.43.0.1" }].map((env) => berthRuntime(env))).toEqual(["checkout", "container", "pod", "checkout"]);
  });

  it("names the npm scripts in a checkout, keeping the short `npm run token` form", () => {
    expect(commandHere("token reset", checkout)).toBe("npm run token -- reset");
    expect(commandHere("backup <file>", checkout)).toBe("npm run berth -- backup <file>");
    expect(commandForOperator("restore-from-cluster", { env: checkout })).toBe("npm run berth -- restore-from-cluster");
  });

  it("names `berth` on the image's PATH in the container's own shell", () => {
    expect(commandHere("token reset", pod)).toBe("berth token reset");
    expect(commandHere("backup /data/b.db", container)).toBe("berth backup /data/b.db");
  });

  it("names the kubectl exec into Berth's pod for a message read outside it", () => {
    expect(commandForOperator("token reset", { env: pod })).toBe("kubectl -n berth exec deploy/berth -- berth token reset");
    expect(commandForOperator("token reset", { env: container })).toBe("docker exec <container> berth token reset");
  });

  it("runs a one-off pod of the image when Berth's own pod cannot start", () => {
    expect(commandForOperator("token generate", { env: pod, whileDown: true })).toBe(
      "kubectl -n berth run berth-cli --rm -i --restart=Never --image=ghcr.io/berth-dev/berth -- berth token generate",
    );
  });
});

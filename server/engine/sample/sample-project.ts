import { SAMPLE_PROJECT_NAME } from "@/lib/dto/sample";
import { appSpecSchema, type AppSpec } from "@/lib/schemas/app";

/** The sample's project: its name is how a second load knows the sample is already there. */
export const SAMPLE_PROJECT = { name: SAMPLE_PROJECT_NAME, displayName: "Sample project" } as const;

/**
 * The sample's apps, chosen so a newcomer meets each thing Berth shows within a minute of
 * loading it: a web app with a hostname, a volume and env (health, URL, logs, a terminal); a
 * worker with no port (no Service, no hostname; a log line every few seconds); and an app whose
 * image tag does not exist, so its failure and the sentence that explains it are there to read.
 * Ordinary app specs, validated like the API's and deployed by the same operations.
 */
export const SAMPLE_APPS: readonly AppSpec[] = [
  {
    name: "web",
    image: "nginx:1.27",
    port: 80,
    env: [{ name: "WELCOME_MESSAGE", value: "Hello from the Berth sample" }],
    hostnames: [{ host: "web.sample.localhost" }],
    volumes: [{ name: "uploads", size: "1Gi", mountPath: "/data" }],
    healthCheck: { path: "/" },
  },
  {
    name: "worker",
    image: "busybox:1.36",
    command: ["sh", "-c", 'while true; do echo "picked a job from $QUEUE"; sleep 5; done'],
    env: [{ name: "QUEUE", value: "emails" }],
  },
  { name: "api", image: "nginx:does-not-exist", port: 80 },
].map((spec) => appSpecSchema.parse(spec));

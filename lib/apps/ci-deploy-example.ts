/**
 * The copy-paste example the app's settings page shows beside a new deploy token: two plain
 * curl calls a CI job runs after pushing an image, no shell tricks. The token itself is not in
 * it: it belongs in the CI system's secrets, read here as $BERTH_DEPLOY_TOKEN.
 */
export interface CiDeployExample {
  /** The deploy: sets the image and answers with the operation (`operation.id`) and the revision. */
  deploy: string;
  /** Waits (up to a minute per call) for the operation's outcome: `"status": "succeeded"` or `"failed"`. */
  wait: string;
}

/** The environment variable the examples read the token from. */
export const TOKEN_VARIABLE = "BERTH_DEPLOY_TOKEN";

/** The two curl commands for `project/app` on the Berth at `origin`, deploying `image`. */
export function ciDeployExample(options: { origin: string; project: string; app: string; image: string }): CiDeployExample {
  const base = `${options.origin.replace(/\/+$/, "")}/api/projects/${encodeURIComponent(options.project)}`;
  const auth = `-H "Authorization: Bearer $${TOKEN_VARIABLE}"`;
  // An image reference never holds a quote or a space (lib/schemas/image-reference.ts), so plain single quotes carry it.
  const body = JSON.stringify({ image: options.image });
  return {
    deploy: [
      `curl --fail-with-body -X POST ${auth} \\`,
      `  -H "Content-Type: application/json" --data '${body}' \\`,
      `  ${base}/apps/${encodeURIComponent(options.app)}/deploy`,
    ].join("\n"),
    wait: `curl --fail-with-body ${auth} "${base}/operations/OPERATION_ID?wait=true"`,
  };
}

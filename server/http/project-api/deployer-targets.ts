import type { ScopeTarget } from "@/server/auth/access";
import { readOperationApp } from "@/server/engine/queries/read-operation";

/**
 * Where the project/app routes a deploy token may call act, for withAuth's `deployer` rule
 * (the scope check itself is server/auth/access.ts).
 */

/** An app route acts on the app in its path. */
export function appInPath(params: { project: string; app: string }): ScopeTarget {
  return { project: params.project, app: params.app };
}

/**
 * An operation acts on its app. One that is project-wide, or not in this project, has no app,
 * so a token scoped to one app is refused it; a project's token then gets the route's 404.
 */
export async function appOfOperation(params: { project: string; id: string }): Promise<ScopeTarget> {
  return { project: params.project, app: await readOperationApp(params.project, params.id) };
}

import { AppError } from "@/server/errors";
import { hasRole, type DeployScope, type Principal } from "@/server/auth/principal";

/**
 * The two checks every route (through withAuth) and every WebSocket (in its `admit`) runs:
 * first the role, then — for a deploy token — whether the request's project and app lie in
 * its scope. A deploy token is refused wherever a route has not said where it acts.
 */

/** What a request acts on, as far as a deploy token's scope is concerned. */
export type ScopeTarget = { project: string; app?: string | null };

/** What a deploy token may do, in one sentence for its 403s. */
export const DEPLOYER_CAN =
  "A deploy token may only deploy, roll back, restart and read the status, operations, revisions and logs of the apps in its scope";

/**
 * The role check, as a refusal sentence or null. `required` is the least admin/viewer role the
 * action needs; `deployerMay` whether a deploy token may take it at all (where: scopeProblem).
 */
export function roleProblem(principal: Principal, required: "admin" | "viewer", deployerMay: boolean): string | null {
  if (principal.role === "deployer") return deployerMay ? null : `${DEPLOYER_CAN}; this needs an ${required === "admin" ? "admin" : "admin or viewer"} token.`;
  return hasRole(principal.role, required) ? null : `This needs the ${required} role; you are signed in as a ${principal.role}.`;
}

/**
 * The scope check, as a refusal sentence or null: nothing for admins and viewers. A deploy
 * token's project must match, and for a token scoped to one app so must the app; a target
 * without an app is then refused, so a route that forgets to name its app fails closed.
 */
export function scopeProblem(principal: Principal, target: ScopeTarget): string | null {
  if (principal.role !== "deployer") return null;
  const scope = principal.scope;
  if (scope && target.project === scope.project && (scope.app === null || target.app === scope.app)) return null;
  return `This deploy token works only for ${describeScope(scope)}; use a token for the app you are deploying.`;
}

/** roleProblem as a 403, for route handlers. */
export function requireRole(principal: Principal, required: "admin" | "viewer", deployerMay: boolean): void {
  forbidIf(roleProblem(principal, required, deployerMay));
}

/** scopeProblem as a 403, for route handlers. */
export function requireInScope(principal: Principal, target: ScopeTarget): void {
  forbidIf(scopeProblem(principal, target));
}

function forbidIf(problem: string | null): void {
  if (problem) throw new AppError({ code: "forbidden", message: problem });
}

/**
 * For listings: whether a project (`app` left out) or one of its apps is shown to the principal.
 * A deploy token sees its project, and in it only its app when it is scoped to one.
 */
export function isVisibleTo(principal: Principal, project: string, app?: string): boolean {
  if (principal.role !== "deployer") return true;
  const scope = principal.scope;
  if (!scope || project !== scope.project) return false;
  return app === undefined || scope.app === null || app === scope.app;
}

/** `app "web" of project "shop"`, for sentences. */
export function describeScope(scope: DeployScope | undefined): string {
  if (!scope) return "nothing (it has no scope)";
  return scope.app ? `app "${scope.app}" of project "${scope.project}"` : `project "${scope.project}"`;
}

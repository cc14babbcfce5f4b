import { AsyncLocalStorage } from "node:async_hooks";
import { processSingleton } from "@/server/singleton";

/** What the request log learns about a request while it is handled (e.g. who made it). */
export interface RequestContext {
  userId?: string;
}

const storage = processSingleton("requestContext", () => new AsyncLocalStorage<RequestContext>());

/** Runs `fn` with a fresh context; the custom server wraps every request in it. */
export function runWithRequestContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** Records the authenticated user for the request log line. A no-op outside a request. */
export function noteRequestUser(userId: string): void {
  const context = storage.getStore();
  if (context) context.userId = userId;
}

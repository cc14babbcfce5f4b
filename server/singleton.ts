/**
 * A value shared by the whole process. Next bundles route handlers separately from the
 * custom server, so a module-level `let` would exist twice (once per bundle); keying the value
 * on globalThis makes the custom server and every route handler see the same instance.
 */
export function processSingleton<T>(key: string, make: () => T): T {
  const slot = Symbol.for(`berth.${key}`);
  const store = globalThis as unknown as Record<symbol, T | undefined>;
  return (store[slot] ??= make());
}

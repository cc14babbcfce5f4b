import { afterAll, beforeAll } from "vitest";
import { seedToken } from "@/server/auth/testing/auth-fixtures";
import { openEngineFixture, type EngineFixture } from "@/server/engine/test/engine-fixture";
import type { RouteHandler } from "@/server/http/with-auth";
import { callJson, type JsonCallOptions } from "@/server/http/testing/route-request";

export interface ApiFixture {
  readonly fx: EngineFixture;
  /** An admin's and a viewer's API token. */
  readonly admin: string;
  readonly viewer: string;
  /** Calls a route handler with the admin's token unless `bearer` says otherwise. */
  call(handler: RouteHandler, path: string, opts?: Partial<JsonCallOptions>): ReturnType<typeof callJson>;
}

/**
 * What a REST test against the simulated cluster sets up first: the engine fixture, an admin
 * and a viewer token, then `setup` (e.g. the project the file works in); closed after the file.
 * Call it at the top of a test file; the fields are filled in before the first test runs.
 */
export function openApiFixture(setup?: () => Promise<void>): ApiFixture {
  let fx: EngineFixture | undefined;
  let admin = "";
  let viewer = "";
  beforeAll(async () => {
    fx = await openEngineFixture();
    admin = (await seedToken({ role: "admin" })).token;
    viewer = (await seedToken({ role: "viewer" })).token;
    await setup?.();
  }, 60_000);
  afterAll(() => fx?.close());
  return {
    get fx() {
      if (!fx) throw new Error("openApiFixture: the fixture opens in beforeAll; read it inside a test");
      return fx;
    },
    get admin() {
      return admin;
    },
    get viewer() {
      return viewer;
    },
    call: (handler, path, opts = {}) => callJson(handler, path, { ...opts, bearer: opts.bearer ?? admin }),
  };
}

import { z } from "zod";
import { AppError } from "@/server/errors";
import { withAuth } from "@/server/http/with-auth";

/**
 * Every /api path no route serves: a JSON 404 (after the guard's 401 for a caller without
 * credentials, or its 403 for a viewer's mutation) instead of Next's HTML page. The query and
 * body are not read, since nothing is done.
 */
const notFound = withAuth(
  async ({ req }) => {
    const { pathname } = new URL(req.url);
    throw new AppError({ code: "not_found", message: `There is no API at ${pathname}; /api/openapi.json lists the paths Berth serves.` });
  },
  { body: "unread", query: z.record(z.string(), z.string()) },
);

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
export const OPTIONS = notFound;

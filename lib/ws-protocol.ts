import { z } from "zod";

/**
 * Messages on /api/ws/live. The server speaks first with `hello`; either side may `ping`
 * and the other answers `pong`, which keeps idle proxies from cutting the socket.
 */
export const liveClientMessage = z.discriminatedUnion("type", [
  z.object({ type: z.literal("ping"), id: z.number().int().optional() }).strict(),
]);

export const liveServerMessage = z.discriminatedUnion("type", [
  z.object({ type: z.literal("hello"), user: z.string(), role: z.enum(["admin", "viewer"]) }),
  z.object({ type: z.literal("pong"), id: z.number().int().optional() }),
  z.object({ type: z.literal("error"), message: z.string() }),
]);

export type LiveClientMessage = z.infer<typeof liveClientMessage>;
export type LiveServerMessage = z.infer<typeof liveServerMessage>;

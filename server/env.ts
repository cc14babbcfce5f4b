import path from "node:path";
import { z } from "zod";
import { parseToken, TOKEN_SHAPE_HELP } from "@/server/auth/token-format";
import { parseSecretKey, SECRET_KEY_SHAPE_HELP } from "@/server/secrets/secret-box";

const flag = z
  .enum(["0", "1", "true", "false", ""])
  .optional()
  .transform((value) => value === "1" || value === "true");

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  BERTH_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  BERTH_HOST: z.string().min(1).default("0.0.0.0"),
  BERTH_DATA_DIR: z.string().min(1).default("./data"),
  BERTH_TRUST_PROXY: flag,
  BERTH_CLUSTER: z.enum(["auto", "sim"]).default("auto"),
  BERTH_SESSION_TTL_HOURS: z.coerce
    .number()
    .positive("must be a positive number of hours")
    .max(24 * 366, "must be at most 8784 hours (a year)")
    .default(168),
  BERTH_ADMIN_TOKEN: z
    .string()
    .optional()
    .refine((value) => !value || parseToken(value) !== null, { message: TOKEN_SHAPE_HELP }),
  /** The key secret values are encrypted with; without it, Berth keeps a key file in the data directory. */
  BERTH_SECRET_KEY: z
    .string()
    .optional()
    .refine((value) => !value?.trim() || parseSecretKey(value) !== null, { message: SECRET_KEY_SHAPE_HELP }),
  BERTH_LOG_REQUESTS: z
    .enum(["0", "1"])
    .default("1")
    .transform((value) => value === "1"),
});

export type Env = z.infer<typeof schema> & { dataDir: string };

/**
 * Parses the environment once. A bad value stops Berth with a message that names the
 * variable, instead of failing later somewhere deep.
 */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Berth cannot start: invalid environment variable(s):\n${lines.join("\n")}`);
  }
  return { ...parsed.data, dataDir: path.resolve(parsed.data.BERTH_DATA_DIR) };
}

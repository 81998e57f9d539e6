// Server environment, validated with zod the first time it is read (at boot for the server).
import { z } from "zod";

const schema = z.object({
  DATABASE_URL: z.string().url({ message: "DATABASE_URL must be a postgres:// URL" }),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  AUTH_SECRET: z.string().min(16, "AUTH_SECRET (or NEXTAUTH_SECRET) must be at least 16 characters"),
  APP_URL: z.string().url().default("http://localhost:3000"),
  CRON_SECRET: z.string().min(16).optional(),
  /** "log" (default) writes mail to the server log and the dev outbox page. */
  MAIL_TRANSPORT: z.enum(["log"]).default("log"),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
});

export type ServerEnv = z.infer<typeof schema>;
let cached: ServerEnv | undefined;

export function serverEnv(): ServerEnv {
  if (cached) return cached;
  const parsed = schema.safeParse({
    ...process.env,
    AUTH_SECRET: process.env.AUTH_SECRET ?? process.env.NEXTAUTH_SECRET,
    APP_URL: process.env.APP_URL ?? process.env.NEXTAUTH_URL,
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid server environment:\n${problems}`);
  }
  cached = parsed.data;
  return cached;
}

/** Just the database settings: enough for scripts (migrate, seed) that need no auth secret. */
export function databaseEnv(): { url: string; poolSize: number } {
  const parsed = schema.pick({ DATABASE_URL: true, DATABASE_POOL_SIZE: true }).safeParse(process.env);
  if (!parsed.success) throw new Error("DATABASE_URL is not set to a postgres:// URL.");
  return { url: parsed.data.DATABASE_URL, poolSize: parsed.data.DATABASE_POOL_SIZE };
}

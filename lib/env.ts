// Server environment, validated with zod the first time it is read; instrumentation.ts reads
// it when the server boots, so a production server with a bad environment refuses to start.
import { z } from "zod";
import { parseAiSettings } from "./ai/settings";

type Env = Record<string, string | undefined>;

const postgresUrl = (name: string) =>
  z.string({ error: `${name} is not set` }).url({ message: `${name} must be a postgres:// URL` }).refine((url) => /^postgres(ql)?:\/\//.test(url), `${name} must be a postgres:// URL`);

/** On Vercel every function instance opens its own pool, so each keeps only a few connections. */
export const SERVERLESS_POOL_SIZE = 2;
export const DEFAULT_POOL_SIZE = 10;

const poolSize = z.coerce.number().int().min(1).max(100).optional();

export const DEFAULT_WEBHOOK_RETENTION_DAYS = 30;
const webhookRetention = z.coerce.number({ error: "WEBHOOK_RETENTION_DAYS must be a whole number of days from 1 to 3650" })
  .int("WEBHOOK_RETENTION_DAYS must be a whole number of days from 1 to 3650").min(1, "WEBHOOK_RETENTION_DAYS must be a whole number of days from 1 to 3650")
  .max(3650, "WEBHOOK_RETENTION_DAYS must be a whole number of days from 1 to 3650").default(DEFAULT_WEBHOOK_RETENTION_DAYS);

const schema = z.object({
  /** What the app queries through: may be a transaction-mode pooler (PgBouncer, Neon, Supabase). */
  DATABASE_URL: postgresUrl("DATABASE_URL"),
  DATABASE_POOL_SIZE: poolSize,
  AUTH_SECRET: z.string({ error: "AUTH_SECRET (or NEXTAUTH_SECRET) is not set" }).min(16, "AUTH_SECRET (or NEXTAUTH_SECRET) must be at least 16 characters"),
  APP_URL: z.string().url().default("http://localhost:3000"),
  CRON_SECRET: z.string().min(16).optional(),
  /** Real mail delivery: smtp://user:pass@host:587 (STARTTLS when offered) or smtps://…:465. */
  SMTP_URL: z
    .string()
    .url({ message: "SMTP_URL must be an smtp:// or smtps:// URL" })
    .refine((url) => /^smtps?:\/\//i.test(url), "SMTP_URL must be an smtp:// or smtps:// URL")
    .optional(),
  /** Sender of every email; defaults to no-reply@<APP_URL's host>. */
  MAIL_FROM: z.string().min(3).optional(),
  /** Exactly "1" turns on the dev outbox (/dev/outbox shows every email to anyone). */
  DEV_OUTBOX: z.string().optional(),
  VERCEL: z.string().optional(),
  /** Days succeeded/failed webhook deliveries are kept before the cron tick prunes them. */
  WEBHOOK_RETENTION_DAYS: webhookRetention,
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
});

export type ServerEnv = z.infer<typeof schema> & {
  DATABASE_POOL_SIZE: number;
  mail: MailSettings;
};

export type MailSettings = {
  /** "smtp" sends real mail; "outbox" writes it to the log and /dev/outbox; "none" cannot send. */
  transport: "smtp" | "outbox" | "none";
  smtpUrl?: string;
  from: string;
};

export const MAIL_NOT_CONFIGURED =
  "No way to send mail: set SMTP_URL (e.g. smtp://user:password@smtp.example.com:587) to send real mail, " +
  "or DEV_OUTBOX=1 to show every email on /dev/outbox (local demos only: anyone who can open the page can read password-reset links).";

/** Unset and empty mean the same (hosting dashboards often save empty values). */
function withoutEmpty(env: Env): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ""));
}

function parse(env: Env) {
  const values = withoutEmpty(env);
  return schema.safeParse({
    ...values,
    AUTH_SECRET: values.AUTH_SECRET ?? values.NEXTAUTH_SECRET,
    APP_URL: values.APP_URL ?? values.NEXTAUTH_URL,
  });
}

export function mailSettings(env: Pick<z.infer<typeof schema>, "SMTP_URL" | "MAIL_FROM" | "DEV_OUTBOX" | "APP_URL">): MailSettings {
  const from = env.MAIL_FROM ?? `ResolutionFlow <no-reply@${new URL(env.APP_URL).hostname}>`;
  // Real mail wins: with SMTP_URL set the outbox stays off even if DEV_OUTBOX=1.
  if (env.SMTP_URL) return { transport: "smtp", smtpUrl: env.SMTP_URL, from };
  return { transport: env.DEV_OUTBOX === "1" ? "outbox" : "none", from };
}

export function poolSizeFor(env: { DATABASE_POOL_SIZE?: number; VERCEL?: string }): number {
  return env.DATABASE_POOL_SIZE ?? (env.VERCEL ? SERVERLESS_POOL_SIZE : DEFAULT_POOL_SIZE);
}

let cached: ServerEnv | undefined;

export function serverEnv(): ServerEnv {
  if (cached) return cached;
  const parsed = parse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid server environment:\n${problems}`);
  }
  cached = { ...parsed.data, DATABASE_POOL_SIZE: poolSizeFor(parsed.data), mail: mailSettings(parsed.data) };
  return cached;
}

/**
 * What keeps this server from starting, one line each (empty: fine). A production server
 * must be able to send mail: without SMTP_URL or DEV_OUTBOX=1 every sign-up, reset and
 * verification would fail.
 */
export function bootProblems(env: Env = process.env): string[] {
  const parsed = parse(env);
  const ai = parseAiSettings(env);
  if (!ai.ok) return ai.problems;
  if (!parsed.success) return parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
  if (parsed.data.NODE_ENV === "production" && mailSettings(parsed.data).transport === "none") return [MAIL_NOT_CONFIGURED];
  return [];
}

/** The webhook outbox retention alone (the cron tick runs in scripts that need no auth secret). */
export function webhookRetentionDays(env: Env = process.env): number {
  const parsed = webhookRetention.safeParse(withoutEmpty(env).WEBHOOK_RETENTION_DAYS);
  if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? "WEBHOOK_RETENTION_DAYS is invalid");
  return parsed.data;
}

/** Just the database settings: enough for scripts (migrate, seed) that need no auth secret. */
export function databaseEnv(env: Env = process.env): { url: string; poolSize: number } {
  const parsed = schema.pick({ DATABASE_URL: true, DATABASE_POOL_SIZE: true, VERCEL: true }).safeParse(withoutEmpty(env));
  if (!parsed.success) {
    const problem = parsed.error.issues[0];
    throw new Error(problem?.path[0] === "DATABASE_POOL_SIZE" ? "DATABASE_POOL_SIZE must be a whole number from 1 to 100." : "DATABASE_URL is not set to a postgres:// URL.");
  }
  return { url: parsed.data.DATABASE_URL, poolSize: poolSizeFor(parsed.data) };
}

/**
 * The URL migrations run on: DIRECT_DATABASE_URL when set (a direct, unpooled connection,
 * as Neon, Supabase and Vercel hand out beside the pooled one), else the given URL.
 */
export function migrationDatabaseUrl(fallback: string, env: Env = process.env): string {
  const direct = env.DIRECT_DATABASE_URL;
  if (!direct) return fallback;
  const parsed = postgresUrl("DIRECT_DATABASE_URL").safeParse(direct);
  if (!parsed.success) throw new Error("DIRECT_DATABASE_URL is not a postgres:// URL.");
  return parsed.data;
}

/**
 * An absolute link into the app (webhook payloads). Reads only APP_URL, so it works in the cron
 * tick of `npm start`'s timer and `npm run cron:tick` too, which have no auth secret.
 */
export function appLink(path: string, env: Env = process.env): string {
  const values = withoutEmpty(env);
  const base = schema.shape.APP_URL.safeParse(values.APP_URL ?? values.NEXTAUTH_URL);
  return new URL(path, base.success ? base.data : "http://localhost:3000").toString();
}

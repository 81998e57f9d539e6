// AI settings from the environment, validated with zod (lib/env.ts style): unset and empty mean
// the same; a model provider without a key refuses clearly instead of failing on first use.
import { z } from "zod";
import { AI_PROVIDERS, type AiProviderName } from "./types";

type Env = Record<string, string | undefined>;

export const DEFAULT_MAX_DEPTH = 25;
export const DEFAULT_MODELS: Record<Exclude<AiProviderName, "offline">, string> = {
  openai: "gpt-4o-mini",
  anthropic: "claude-3-5-haiku-latest",
};

const schema = z
  .object({
    AI_PROVIDER: z.enum(AI_PROVIDERS, { error: `AI_PROVIDER must be one of: ${AI_PROVIDERS.join(", ")}` }).default("offline"),
    AI_API_KEY: z.string().min(1).optional(),
    AI_MODEL: z.string().min(1).max(100, "AI_MODEL is too long (at most 100 characters)").optional(),
    AI_BASE_URL: z.string().url({ message: "AI_BASE_URL must be an http(s):// URL" }).refine((u) => /^https?:\/\//.test(u), "AI_BASE_URL must be an http(s):// URL").optional(),
    AI_MAX_DEPTH: z.coerce.number({ error: "AI_MAX_DEPTH must be a whole number from 1 to 200" }).int("AI_MAX_DEPTH must be a whole number from 1 to 200").min(1, "AI_MAX_DEPTH must be a whole number from 1 to 200").max(200, "AI_MAX_DEPTH must be a whole number from 1 to 200").default(DEFAULT_MAX_DEPTH),
  })
  .superRefine((env, ctx) => {
    if (env.AI_PROVIDER !== "offline" && !env.AI_API_KEY) ctx.addIssue({ code: "custom", path: ["AI_API_KEY"], message: `AI_API_KEY is required with AI_PROVIDER=${env.AI_PROVIDER}` });
  });

export type AiSettings = {
  provider: AiProviderName;
  apiKey?: string;
  model: string;
  baseUrl: string | undefined;
  maxDepth: number;
};

export function parseAiSettings(env: Env): { ok: true; settings: AiSettings } | { ok: false; problems: string[] } {
  const values = Object.fromEntries(Object.entries(env).filter(([k, v]) => k.startsWith("AI_") && v !== undefined && v !== ""));
  const parsed = schema.safeParse(values);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) };
  const e = parsed.data;
  return {
    ok: true,
    settings: {
      provider: e.AI_PROVIDER,
      apiKey: e.AI_API_KEY,
      model: e.AI_PROVIDER === "offline" ? "retrieval-v1" : (e.AI_MODEL ?? DEFAULT_MODELS[e.AI_PROVIDER]),
      baseUrl: e.AI_PROVIDER === "openai" ? (e.AI_BASE_URL ?? "https://api.openai.com/v1") : e.AI_BASE_URL,
      maxDepth: e.AI_MAX_DEPTH,
    },
  };
}

let cached: AiSettings | undefined;
/** The server's AI settings (throws, listing every problem, when the environment is invalid). */
export function aiSettings(env: Env = process.env): AiSettings {
  if (env === process.env && cached) return cached;
  const parsed = parseAiSettings(env);
  if (!parsed.ok) throw new Error(`Invalid AI settings:\n  ${parsed.problems.join("\n  ")}`);
  if (env === process.env) cached = parsed.settings;
  return parsed.settings;
}

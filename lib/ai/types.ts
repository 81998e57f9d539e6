// The one small interface the app calls for AI help, whatever answers it (the offline
// retrieval provider, or a model behind the Vercel AI SDK). Pure types and zod schemas: the
// runner, the tests and every adapter share them.
import { z } from "zod";
import { COMMAND_LANGUAGES, type Command } from "@/lib/flows/structure";

export const AI_PROVIDERS = ["offline", "openai", "anthropic"] as const;
export type AiProviderName = (typeof AI_PROVIDERS)[number];

/** Where an offline suggestion (or one answer of it) came from. */
export type SuggestionSource = { flowId?: string; nodeId?: string; answerId?: string; libraryStepId?: string };

export type WalkAnswer = { id: string; label: string; source?: SuggestionSource };

/** One node of the walk so far, as providers see it. */
export type WalkContextNode = {
  seq: number;
  kind: "question" | "step" | "solution";
  status: "pending" | "accepted" | "edited" | "rejected";
  title: string;
  body: string;
  answers: WalkAnswer[];
  answerId: string | null;
  answerLabel: string | null;
  commands: Command[];
  result: string | null;
  sourceFlowId: string | null;
  sourceNodeId: string | null;
  sourceLibraryStepId: string | null;
};

export type SuggestContext = { problem: string; walk: WalkContextNode[] };

export type SuggestedAnswer = { label: string; source?: SuggestionSource };
export type Suggestion = {
  kind: "question" | "step" | "solution";
  title: string;
  body: string;
  /** question only: 2–8 answers (the runner always adds "Other"). */
  answers: SuggestedAnswer[];
  /** step / solution: commands to run. */
  commands: Command[];
  source?: SuggestionSource;
};

/** A provider's answer: a suggestion, or nothing more to suggest (the engineer carries on by hand). */
export type SuggestResult = {
  suggestion: Suggestion | null;
  provider: AiProviderName;
  model: string;
  promptHash: string;
};

export type DraftFlow = { name: string; description: string; nodes: { kind: Suggestion["kind"]; title: string; body: string; answers: string[]; commands: Command[] }[] };

export interface AiProvider {
  readonly name: AiProviderName;
  readonly model: string;
  suggestNext(context: SuggestContext): Promise<SuggestResult>;
  /** A short flow outline from a finished walk (its accepted/edited nodes, in order). */
  draftFlow(context: SuggestContext): Promise<DraftFlow>;
}

/** A provider failed or answered something unusable: the message is safe to show. */
export class AiSuggestionError extends Error {
  constructor(message: string, readonly causeText?: string) {
    super(message);
    this.name = "AiSuggestionError";
  }
}

// ---------- what a model must return (zod: every model answer is parsed with these) ----------
const modelCommand = z.object({
  language: z.enum(COMMAND_LANGUAGES).catch("text"),
  code: z.string().trim().min(1).max(5_000),
  label: z.string().trim().max(120).default(""),
});

export const modelSuggestionSchema = z
  .object({
    kind: z.enum(["question", "step", "solution"]).describe("question: ask the engineer something; step: something to try; solution: the fix"),
    title: z.string().trim().min(3).max(200).describe("One short sentence"),
    body: z.string().trim().max(4_000).default("").describe("Details or instructions"),
    answers: z.array(z.string().trim().min(1).max(120)).max(8).default([]).describe("question only: 2 to 8 possible answers"),
    commands: z.array(modelCommand).max(10).default([]).describe("step/solution only: commands to run"),
  })
  .refine((s) => s.kind !== "question" || s.answers.length >= 2, { message: "A question needs at least 2 answers.", path: ["answers"] });
export type ModelSuggestion = z.infer<typeof modelSuggestionSchema>;

export const modelDraftSchema = z.object({
  name: z.string().trim().min(3).max(200),
  description: z.string().trim().max(2_000).default(""),
  nodes: z
    .array(
      z.object({
        kind: z.enum(["question", "step", "solution"]),
        title: z.string().trim().min(1).max(200),
        body: z.string().trim().max(4_000).default(""),
        answers: z.array(z.string().trim().min(1).max(120)).max(8).default([]),
        commands: z.array(modelCommand).max(10).default([]),
      }),
    )
    .min(1)
    .max(50),
});

/** A parsed model suggestion in the app's shape (answers de-duplicated). */
export function fromModelSuggestion(parsed: ModelSuggestion): Suggestion {
  const seen = new Set<string>();
  const answers = parsed.kind === "question"
    ? parsed.answers.filter((a) => { const k = a.toLowerCase(); if (seen.has(k)) return false; seen.add(k); return true; }).map((label) => ({ label }))
    : [];
  return {
    kind: parsed.kind,
    title: parsed.title,
    body: parsed.body,
    answers,
    commands: parsed.kind === "question" ? [] : parsed.commands.map((c) => ({ language: c.language, code: c.code, label: c.label })),
  };
}

// Model-backed providers over the Vercel AI SDK (`ai` v6, which runs on Node 20): an
// OpenAI-compatible endpoint (any base URL) or Anthropic. The answer is asked for as a
// structured object and parsed with the zod schemas in ./types; anything unusable (bad JSON,
// wrong shape, a question without answers, a network or auth failure) becomes an
// AiSuggestionError with a message safe to show — the session stays usable.
import { createAnthropic } from "@ai-sdk/anthropic";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { generateText, Output, type LanguageModel } from "ai";
import { buildPrompt, DRAFT_SYSTEM_PROMPT, promptHash, SYSTEM_PROMPT } from "./prompt";
import type { AiSettings } from "./settings";
import {
  AiSuggestionError,
  fromModelSuggestion,
  modelDraftSchema,
  modelSuggestionSchema,
  type AiProvider,
  type AiProviderName,
  type DraftFlow,
  type SuggestContext,
  type SuggestResult,
} from "./types";

/** How long one model call may take before the engineer gets the "carry on by hand" message. */
export const MODEL_TIMEOUT_MS = 30_000;

export const MODEL_ANSWER_UNUSABLE = "The assistant's answer could not be used. Add a step yourself, write a note, or finish the session.";
export const MODEL_UNREACHABLE = "The assistant is not reachable right now. Add a step yourself, write a note, or finish the session.";

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

const isParseFailure = (error: unknown) =>
  error instanceof Error && /NoObjectGenerated|NoOutputGenerated|TypeValidation|JSONParse|NoContentGenerated/.test(`${error.name} ${error.constructor?.name ?? ""}`);

/** An AiProvider answering with `model` (a real one, or the SDK's mock in tests). */
export function modelProvider(options: { name: Exclude<AiProviderName, "offline">; modelId: string; model: LanguageModel; timeoutMs?: number }): AiProvider {
  const { name, modelId, model } = options;
  const settings = { maxRetries: 1, temperature: 0 } as const;

  async function call<T>(system: string, prompt: string, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    try {
      return await run(AbortSignal.timeout(options.timeoutMs ?? MODEL_TIMEOUT_MS));
    } catch (error) {
      throw new AiSuggestionError(isParseFailure(error) ? MODEL_ANSWER_UNUSABLE : MODEL_UNREACHABLE, describe(error));
    }
  }

  return {
    name,
    model: modelId,
    async suggestNext(context: SuggestContext): Promise<SuggestResult> {
      const prompt = buildPrompt(context);
      const hash = promptHash({ provider: name, model: modelId, system: SYSTEM_PROMPT, prompt });
      const output = await call(SYSTEM_PROMPT, prompt, async (abortSignal) => {
        const result = await generateText({ model, system: SYSTEM_PROMPT, prompt, output: Output.object({ schema: modelSuggestionSchema }), abortSignal, ...settings });
        return result.output;
      });
      // The SDK validated it already; parse again so a provider that skips validation cannot slip through.
      const parsed = modelSuggestionSchema.safeParse(output);
      if (!parsed.success) throw new AiSuggestionError(MODEL_ANSWER_UNUSABLE, parsed.error.message);
      return { suggestion: fromModelSuggestion(parsed.data), provider: name, model: modelId, promptHash: hash };
    },
    async draftFlow(context: SuggestContext): Promise<DraftFlow> {
      const prompt = buildPrompt({ ...context, walk: context.walk.filter((n) => n.status === "accepted" || n.status === "edited") });
      const output = await call(DRAFT_SYSTEM_PROMPT, prompt, async (abortSignal) => {
        const result = await generateText({ model, system: DRAFT_SYSTEM_PROMPT, prompt, output: Output.object({ schema: modelDraftSchema }), abortSignal, ...settings });
        return result.output;
      });
      const parsed = modelDraftSchema.safeParse(output);
      if (!parsed.success) throw new AiSuggestionError(MODEL_ANSWER_UNUSABLE, parsed.error.message);
      return parsed.data;
    },
  };
}

/** The language model the settings name (no network until it is called). */
export function languageModelFor(settings: AiSettings): LanguageModel {
  if (settings.provider === "anthropic") {
    return createAnthropic({ apiKey: settings.apiKey, ...(settings.baseUrl ? { baseURL: settings.baseUrl } : {}) })(settings.model);
  }
  if (settings.provider === "openai") {
    return createOpenAICompatible({ name: "openai-compatible", baseURL: settings.baseUrl!, apiKey: settings.apiKey })(settings.model);
  }
  throw new Error("The offline provider has no language model.");
}

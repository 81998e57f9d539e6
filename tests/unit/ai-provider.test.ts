// The model adapters with the SDK's mock language model (no network): a good answer is parsed
// into a suggestion; bad JSON, a wrong shape, a question without answers or a failing call all
// become a clear, safe AiSuggestionError. Also: the prompt hash and the AI settings.
import { MockLanguageModelV3 } from "ai/test";
import { describe, expect, it } from "vitest";
import { MODEL_ANSWER_UNUSABLE, MODEL_UNREACHABLE, modelProvider } from "@/lib/ai/model-provider";
import { buildPrompt, promptHash, SYSTEM_PROMPT } from "@/lib/ai/prompt";
import { parseAiSettings } from "@/lib/ai/settings";
import { AiSuggestionError, type SuggestContext } from "@/lib/ai/types";

const usage = {
  inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 20, text: 20, reasoning: undefined },
};

function answering(text: string) {
  return new MockLanguageModelV3({
    doGenerate: async () => ({ content: [{ type: "text", text }], finishReason: { unified: "stop", raw: "stop" }, usage, warnings: [] }),
  });
}

const context: SuggestContext = { problem: "Printer not printing", walk: [] };
const provider = (model: MockLanguageModelV3) => modelProvider({ name: "openai", modelId: "test-model", model });

describe("modelProvider", () => {
  it("parses a good answer into a suggestion, with provider, model and prompt hash", async () => {
    const model = answering(JSON.stringify({ kind: "question", title: "Is the printer on?", body: "", answers: ["Yes", "No", "yes"], commands: [] }));
    const result = await provider(model).suggestNext(context);
    expect(result).toMatchObject({ provider: "openai", model: "test-model", suggestion: { kind: "question", title: "Is the printer on?", answers: [{ label: "Yes" }, { label: "No" }], commands: [] } });
    expect(result.promptHash).toBe(promptHash({ provider: "openai", model: "test-model", system: SYSTEM_PROMPT, prompt: buildPrompt(context) }));
    expect(model.doGenerateCalls).toHaveLength(1);
  });

  it("keeps a step's commands; an unknown command language becomes text", async () => {
    const model = answering(JSON.stringify({ kind: "step", title: "Restart the spooler", body: "On the print server.", commands: [{ language: "zsh", code: "Restart-Service Spooler" }] }));
    const { suggestion } = await provider(model).suggestNext(context);
    expect(suggestion).toMatchObject({ kind: "step", answers: [], commands: [{ language: "text", code: "Restart-Service Spooler", label: "" }] });
  });

  it.each([
    ["not JSON", "Sure! First, check the printer."],
    ["wrong shape", JSON.stringify({ next: "check the printer" })],
    ["a question without answers", JSON.stringify({ kind: "question", title: "What now?", answers: [] })],
    ["an unknown kind", JSON.stringify({ kind: "essay", title: "Printers, a history" })],
  ])("refuses %s with a clear message", async (_what, text) => {
    const error = await provider(answering(text)).suggestNext(context).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AiSuggestionError);
    expect((error as Error).message).toBe(MODEL_ANSWER_UNUSABLE);
  });

  it("a failed call is 'not reachable', without the internal error text", async () => {
    const model = new MockLanguageModelV3({ doGenerate: async () => { throw new Error("401 invalid api key sk-secret"); } });
    const error = await provider(model).suggestNext(context).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AiSuggestionError);
    expect((error as Error).message).toBe(MODEL_UNREACHABLE);
    expect((error as Error).message).not.toContain("sk-secret");
  });
});

describe("promptHash", () => {
  it("is a stable sha-256 of what was asked, and changes with the walk", () => {
    const a = promptHash({ provider: "offline", model: "m", system: SYSTEM_PROMPT, prompt: buildPrompt(context) });
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(promptHash({ provider: "offline", model: "m", system: SYSTEM_PROMPT, prompt: buildPrompt(context) })).toBe(a);
    const walked: SuggestContext = {
      ...context,
      walk: [{ seq: 0, kind: "question", status: "accepted", title: "Is it on?", body: "", answers: [{ id: "x", label: "Yes" }], answerId: "x", answerLabel: "Yes", commands: [], result: null, sourceFlowId: null, sourceNodeId: null, sourceLibraryStepId: null }],
    };
    expect(promptHash({ provider: "offline", model: "m", system: SYSTEM_PROMPT, prompt: buildPrompt(walked) })).not.toBe(a);
    expect(promptHash({ provider: "openai", model: "m", system: SYSTEM_PROMPT, prompt: buildPrompt(context) })).not.toBe(a);
  });
});

describe("parseAiSettings", () => {
  it("defaults to offline with a depth cap of 25", () => {
    expect(parseAiSettings({})).toEqual({ ok: true, settings: { provider: "offline", apiKey: undefined, model: "retrieval-v1", baseUrl: undefined, maxDepth: 25 } });
    expect(parseAiSettings({ AI_PROVIDER: "", AI_MAX_DEPTH: "" })).toMatchObject({ ok: true, settings: { provider: "offline", maxDepth: 25 } });
  });
  it("needs a key for a model provider, and checks the URL, the provider and the depth", () => {
    expect(parseAiSettings({ AI_PROVIDER: "anthropic" })).toEqual({ ok: false, problems: ["AI_API_KEY: AI_API_KEY is required with AI_PROVIDER=anthropic"] });
    expect(parseAiSettings({ AI_PROVIDER: "openai", AI_API_KEY: "k", AI_BASE_URL: "ftp://x" })).toMatchObject({ ok: false });
    expect(parseAiSettings({ AI_PROVIDER: "gemini" })).toMatchObject({ ok: false });
    expect(parseAiSettings({ AI_MAX_DEPTH: "0" })).toMatchObject({ ok: false });
    expect(parseAiSettings({ AI_PROVIDER: "openai", AI_API_KEY: "k", AI_BASE_URL: "http://localhost:11434/v1", AI_MODEL: "llama3.1", AI_MAX_DEPTH: "40" })).toEqual({
      ok: true, settings: { provider: "openai", apiKey: "k", model: "llama3.1", baseUrl: "http://localhost:11434/v1", maxDepth: 40 },
    });
  });
});

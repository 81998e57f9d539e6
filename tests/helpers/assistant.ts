// A scripted AI provider for assistant tests: answers from a list (or a function), counts calls.
import type { AiProvider, SuggestContext, Suggestion, SuggestResult } from "@/lib/ai/types";
import { draftFromWalk } from "@/lib/ai/offline";

export type ScriptedProvider = AiProvider & { calls: SuggestContext[] };

export const question = (title: string, answers: string[]): Suggestion => ({ kind: "question", title, body: "", answers: answers.map((label) => ({ label })), commands: [] });
export const step = (title: string, code?: string): Suggestion => ({
  kind: "step", title, body: "Do it.", answers: [], commands: code ? [{ language: "powershell", code, label: "" }] : [],
});

/** Suggests `script(n)` on the n-th call (0-based); a thrown error is the provider failing. */
export function scriptedProvider(script: (n: number, context: SuggestContext) => Suggestion | null): ScriptedProvider {
  const calls: SuggestContext[] = [];
  return {
    name: "openai",
    model: "scripted",
    calls,
    async suggestNext(context): Promise<SuggestResult> {
      const n = calls.length;
      calls.push(structuredClone(context));
      return { suggestion: script(n, context), provider: "openai", model: "scripted", promptHash: `hash-${n}`.padEnd(64, "0") };
    },
    async draftFlow(context) {
      return draftFromWalk(context);
    },
  };
}

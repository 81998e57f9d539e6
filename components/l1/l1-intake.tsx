"use client";
// The L1 intake: pick a category, describe the problem, see the matching flows, then start:
// the recommended flow (above the threshold), a flow the tech picks, or an ad hoc walk.
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Search, Sparkles, Workflow } from "@/components/ui/icons";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/input";
import { useAction } from "@/components/ui/use-action";
import { cn } from "@/lib/cn";
import { previewFlowMatches, startL1Session } from "@/lib/l1/intake.actions";
import type { FlowMatch } from "@/lib/l1/matching";

type Category = { id: string; name: string; description: string };
type Choice = { kind: "auto" } | { kind: "flow"; flowId: string } | { kind: "adhoc" };

export function L1Intake({ categories }: { categories: Category[] }) {
  const router = useRouter();
  const [categoryId, setCategoryId] = useState<string | null>(categories.length === 1 ? categories[0].id : null);
  const [problem, setProblem] = useState("");
  const [matches, setMatches] = useState<FlowMatch[] | null>(null);
  const preview = useAction(previewFlowMatches);
  const start = useAction(startL1Session);
  const best = matches?.find((m) => m.aboveThreshold) ?? null;

  const begin = async (choice: Choice) => {
    if (!categoryId) return;
    const result = await start.run({ categoryId, problem, choice });
    if (result?.ok) router.push(result.data.href);
  };

  return (
    <div className="space-y-5">
      <fieldset>
        <legend className="text-sm font-medium">1. What kind of problem is it?</legend>
        <div className="mt-2 grid gap-2 sm:grid-cols-2 lg:grid-cols-3" role="radiogroup" aria-label="Problem category">
          {categories.map((c) => {
            const picked = c.id === categoryId;
            return (
              <button
                key={c.id}
                type="button"
                role="radio"
                aria-checked={picked}
                onClick={() => { setCategoryId(c.id); setMatches(null); }}
                className={cn(
                  "rounded-lg border px-4 py-3 text-left transition-colors focus-visible:outline-2 focus-visible:outline-brand-500",
                  picked ? "border-brand-600 bg-brand-50 dark:bg-brand-700/25" : "border-border bg-surface hover:bg-muted",
                )}
                data-testid="l1-category"
              >
                <span className="block font-medium">{c.name}</span>
                {c.description && <span className="mt-0.5 line-clamp-2 block text-sm text-fg-muted">{c.description}</span>}
              </button>
            );
          })}
        </div>
      </fieldset>

      <form
        className="space-y-3"
        onSubmit={async (event) => {
          event.preventDefault();
          if (!categoryId) return;
          const result = await preview.run({ categoryId, problem });
          if (result?.ok) setMatches(result.data);
        }}
      >
        <Field id="l1-problem" label="2. Describe the problem" help="In the user's words: what they see, since when, what they tried." errors={preview.fieldErrors.problem ?? start.fieldErrors.problem}>
          <Textarea
            id="l1-problem"
            name="problem"
            rows={3}
            maxLength={2000}
            value={problem}
            onChange={(e) => { setProblem(e.target.value); setMatches(null); }}
            placeholder="e.g. The printer on floor 2 shows offline and jobs stay in the queue"
          />
        </Field>
        {!categoryId && <p className="text-sm text-fg-muted">Pick a category first.</p>}
        {preview.formError && <Alert tone="error">{preview.formError}</Alert>}
        <Button type="submit" pending={preview.pending} disabled={!categoryId || problem.trim().length < 3} data-testid="l1-find">
          <Search className="h-4 w-4" aria-hidden />
          Find help
        </Button>
      </form>

      {matches && (
        <section aria-labelledby="l1-matches" className="space-y-3" data-testid="l1-matches">
          <h2 id="l1-matches" className="text-sm font-medium">3. Start</h2>
          {best ? (
            <Alert tone="success">
              <span className="font-medium">{best.name}</span> matches this problem. Walk it step by step.
            </Alert>
          ) : (
            <Alert tone="info">No flow matches closely enough. The assistant will build the walk with you, step by step.</Alert>
          )}
          {matches.length > 0 && (
            <ul className="divide-y divide-border rounded-lg border border-border bg-surface">
              {matches.map((m) => (
                <li key={m.flowId} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
                  <div className="min-w-0">
                    <p className="font-medium break-words">{m.name}</p>
                    <p className="text-xs text-fg-muted">
                      Match {Math.round(m.score * 100)}% {m.aboveThreshold ? <Badge tone="green" className="ml-1">Recommended</Badge> : null}
                    </p>
                  </div>
                  <Button variant={m.flowId === best?.flowId ? "primary" : "secondary"} size="sm" pending={start.pending} onClick={() => void begin({ kind: "flow", flowId: m.flowId })} data-testid="l1-use-flow">
                    <Workflow className="h-4 w-4" aria-hidden />
                    Use this flow
                  </Button>
                </li>
              ))}
            </ul>
          )}
          <div className="flex flex-wrap gap-2">
            <Button variant={best ? "secondary" : "primary"} pending={start.pending} onClick={() => void begin({ kind: "adhoc" })} data-testid="l1-adhoc">
              <Sparkles className="h-4 w-4" aria-hidden />
              Ad hoc with the assistant
            </Button>
          </div>
          {start.formError && <Alert tone="error">{start.formError}</Alert>}
        </section>
      )}
    </div>
  );
}

"use client";
// Sends the runner's changes to the server one after another, in the order they were made, so
// the UI can move on at once (optimistic) while the writes catch up. Errors become toasts; a
// "session has moved on" conflict gets a toast with a Reload button. Once the queue has drained
// the server view is refreshed (once, not after every write: a refresh re-renders the page, and
// Next runs refreshes and actions one at a time, so a refresh per click would slow the writes).
import { Toast } from "radix-ui";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { useToast } from "@/components/ui/toast";
import { useAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/action";

type Job = () => Promise<ActionResult<unknown>>;
const runJob = (job: Job) => job();

export type Failure = { error: string; code: string; fieldErrors?: Record<string, string[]> };

export function useRunnerQueue() {
  const router = useRouter();
  const toast = useToast();
  const { run } = useAction(runJob);
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const [conflict, setConflict] = useState<string | null>(null);
  const pendingCount = useRef(0);
  const refreshNeeded = useRef(false);
  const [saving, setSaving] = useState(false);

  // Leaving while writes are still queued would lose them: ask first.
  useEffect(() => {
    if (!saving) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [saving]);

  const report = useCallback(
    (failure: Failure, title: string) => {
      if (failure.code === "conflict") setConflict(failure.error);
      else toast({ title, description: failure.error, tone: "error" });
    },
    [toast],
  );

  /**
   * Queues `action`; resolves with its data, or null when it failed (already reported, unless
   * `quiet` — then the caller shows the error itself, e.g. next to an input).
   */
  const enqueue = useCallback(
    <T,>(action: () => Promise<ActionResult<T>>, options: { failTitle?: string; quiet?: boolean; onFail?: (failure: Failure) => void } = {}) => {
      pendingCount.current++;
      setSaving(true);
      const settle = (ok: boolean) => {
        pendingCount.current--;
        if (ok) refreshNeeded.current = true;
        if (pendingCount.current === 0) {
          setSaving(false);
          if (refreshNeeded.current) {
            refreshNeeded.current = false;
            router.refresh();
          }
        }
      };
      const next = chain.current.then(async () => {
        const result = (await run(action as Job).catch(() => null)) as ActionResult<T> | null;
        settle(Boolean(result?.ok));
        if (result?.ok) return result.data;
        const failure: Failure = result ?? { error: "Could not reach the server. Check your connection and try again.", code: "network" };
        options.onFail?.(failure);
        // "cancelled": a job dropped because an earlier one it built on was refused (already reported).
        if (!options.quiet && failure.code !== "cancelled") report(failure, options.failTitle ?? "Not saved");
        return null;
      });
      chain.current = next.catch(() => null);
      return next;
    },
    [run, router, report],
  );

  const conflictToast = (
    <Toast.Root
      open={conflict !== null}
      onOpenChange={(open) => !open && setConflict(null)}
      duration={60_000}
      className="rounded-lg border border-amber-300 bg-surface px-4 py-3 shadow-lg dark:border-amber-800"
      data-testid="runner-conflict-toast"
    >
      <Toast.Title className="text-sm font-semibold text-amber-800 dark:text-amber-200">This session has moved on</Toast.Title>
      <Toast.Description className="mt-1 text-sm text-fg-muted">{conflict}</Toast.Description>
      <div className="mt-2 flex gap-2">
        <Toast.Action altText="Reload the page to continue from where the session is now" asChild>
          <button
            type="button"
            className="inline-flex h-8 items-center rounded-md bg-brand-600 px-3 text-sm font-medium text-white hover:bg-brand-700"
            onClick={() => window.location.reload()}
          >
            Reload
          </button>
        </Toast.Action>
        <Toast.Close className="inline-flex h-8 items-center rounded-md border border-border px-3 text-sm hover:bg-muted">Dismiss</Toast.Close>
      </div>
    </Toast.Root>
  );

  return { enqueue, report, conflictToast, saving };
}

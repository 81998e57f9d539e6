"use client";
// The engineer's note on one node/step, saved when the field loses focus.
import { Check } from "@/components/ui/icons";
import { useState } from "react";
import { Textarea } from "@/components/ui/input";
import { useRunner } from "./runner-context";

export const NOTE_FIELD_ID = "runner-note";

export function StepNote({ nodeId }: { nodeId: string }) {
  const { notes, readOnly, saveNote } = useRunner();
  const saved = notes[nodeId] ?? "";
  // Keyed by node in the parent, so the draft starts from this node's note.
  const [draft, setDraft] = useState(saved);
  const [status, setStatus] = useState<"idle" | "saving" | "saved" | "failed">("idle");

  if (readOnly) {
    return saved ? (
      <section aria-labelledby="runner-note-heading">
        <h3 id="runner-note-heading" className="text-sm font-medium">Note</h3>
        <p className="mt-1 whitespace-pre-wrap rounded-md border border-border bg-muted/50 px-3 py-2 text-sm">{saved}</p>
      </section>
    ) : null;
  }

  return (
    <div className="space-y-1.5">
      <div className="flex items-center justify-between gap-2">
        <label htmlFor={NOTE_FIELD_ID} className="text-sm font-medium">
          Note <span className="font-normal text-fg-muted">(goes into the ticket summary)</span>
        </label>
        <span className="text-xs text-fg-muted" aria-live="polite" data-testid="note-status">
          {status === "saving" && "Saving…"}
          {status === "saved" && (
            <span className="inline-flex items-center gap-1 text-emerald-700 dark:text-emerald-300">
              <Check className="h-3.5 w-3.5" aria-hidden />
              Saved
            </span>
          )}
          {status === "failed" && <span className="text-red-600 dark:text-red-400">Not saved</span>}
        </span>
      </div>
      <Textarea
        id={NOTE_FIELD_ID}
        value={draft}
        maxLength={5000}
        rows={3}
        className="min-h-20"
        placeholder="What you saw, what you tried…"
        onChange={(event) => {
          setDraft(event.target.value);
          if (status !== "saving") setStatus("idle");
        }}
        onBlur={async () => {
          if (draft === saved) return;
          setStatus("saving");
          setStatus((await saveNote(nodeId, draft)) ? "saved" : "failed");
        }}
        onKeyDown={(event) => {
          // Escape leaves the field (and so saves), handing the keyboard back to the runner at the
          // step's heading (not the top of the page).
          if (event.key !== "Escape") return;
          const heading = document.querySelector<HTMLElement>("[data-runner-heading]");
          if (heading) heading.focus({ preventScroll: true });
          else event.currentTarget.blur();
        }}
      />
    </div>
  );
}

"use client";
// "Was this step helpful?" for a flow step or node (not custom steps); feeds library ratings.
import { ThumbsDown, ThumbsUp } from "@/components/ui/icons";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/input";
import { cn } from "@/lib/cn";
import { useRunner } from "./runner-context";

export function StepFeedback({ stepId }: { stepId: string }) {
  const { feedback, readOnly, saveFeedback } = useRunner();
  const current = feedback[stepId];
  const [commenting, setCommenting] = useState(false);
  const [comment, setComment] = useState(current?.comment ?? "");
  const [saving, setSaving] = useState(false);
  const id = useId();
  if (readOnly) return null;

  const vote = async (helpful: boolean) => {
    await saveFeedback(stepId, { helpful, comment: current?.comment ?? "" });
    if (!current?.comment) setCommenting(true);
  };

  return (
    <div className="rounded-md border border-border px-3 py-2" data-testid="step-feedback">
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-sm text-fg-muted" id={`${id}-q`}>Was this step helpful?</span>
        <div className="flex gap-1" role="group" aria-labelledby={`${id}-q`}>
          <Button
            type="button"
            variant="ghost"
            size="sm"
            aria-pressed={current?.helpful === true}
            onClick={() => vote(true)}
            className={cn(current?.helpful === true && "bg-emerald-100 text-emerald-800 hover:bg-emerald-100 dark:bg-emerald-900/40 dark:text-emerald-200")}
          >
            <ThumbsUp className="h-4 w-4" aria-hidden />
            Helpful
          </Button>
          <Button
            type="button"
            variant="ghost"
            size="sm"
            aria-pressed={current?.helpful === false}
            onClick={() => vote(false)}
            className={cn(current?.helpful === false && "bg-red-100 text-red-800 hover:bg-red-100 dark:bg-red-900/40 dark:text-red-200")}
          >
            <ThumbsDown className="h-4 w-4" aria-hidden />
            Not helpful
          </Button>
        </div>
        {current && !commenting && (
          <Button type="button" variant="ghost" size="sm" className="text-fg-muted" onClick={() => setCommenting(true)}>
            {current.comment ? "Edit comment" : "Add a comment"}
          </Button>
        )}
      </div>
      {current?.comment && !commenting && <p className="mt-1 text-sm text-fg-muted">“{current.comment}”</p>}
      {commenting && current && (
        <form
          className="mt-2 space-y-2"
          onSubmit={async (event) => {
            event.preventDefault();
            setSaving(true);
            const ok = await saveFeedback(stepId, { helpful: current.helpful, comment: comment.trim() });
            setSaving(false);
            if (ok) setCommenting(false);
          }}
        >
          <label htmlFor={`${id}-comment`} className="sr-only">Comment on this step</label>
          <Textarea
            id={`${id}-comment`}
            value={comment}
            maxLength={1000}
            rows={2}
            className="min-h-16"
            placeholder={current.helpful ? "What made it useful? (optional)" : "What was wrong or missing? (optional)"}
            onChange={(event) => setComment(event.target.value)}
          />
          <div className="flex gap-2">
            <Button type="submit" size="sm" pending={saving}>Save comment</Button>
            <Button type="button" size="sm" variant="ghost" onClick={() => setCommenting(false)}>Cancel</Button>
          </div>
        </form>
      )}
    </div>
  );
}

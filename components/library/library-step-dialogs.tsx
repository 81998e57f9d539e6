"use client";
// "Save to my library" (a private or team copy) and the delete confirmation.
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog } from "@/components/ui/dialog";
import { useAction } from "@/components/ui/use-action";
import { cn } from "@/lib/cn";
import { deleteLibraryStep, saveToMyLibrary } from "@/lib/library/library.actions";
import type { LibraryListItem } from "@/lib/library/queries";

const SAVE_CHOICES = [
  { value: "private", label: "Private", help: "Only you see your copy." },
  { value: "team", label: "Team", help: "Your team sees it and can insert it too." },
] as const;

export function SaveToLibraryDialog({ card, onOpenChange, onSaved }: { card: LibraryListItem | null; onOpenChange(open: boolean): void; onSaved(id: string): void }) {
  return (
    <Dialog
      open={card !== null}
      onOpenChange={onOpenChange}
      title="Save to my library"
      description={card ? `Make your own editable copy of "${card.title}". Changes to the original do not reach your copy.` : undefined}
    >
      {card && <SaveForm card={card} onCancel={() => onOpenChange(false)} onSaved={onSaved} />}
    </Dialog>
  );
}

function SaveForm({ card, onCancel, onSaved }: { card: LibraryListItem; onCancel(): void; onSaved(id: string): void }) {
  const [visibility, setVisibility] = useState<"private" | "team">("private");
  const { run, pending, error } = useAction(saveToMyLibrary);
  return (
    <form
      className="space-y-4"
      onSubmit={async (event) => {
        event.preventDefault();
        const result = await run({ stepId: card.id, visibility });
        if (result?.ok) onSaved(result.data.id);
      }}
    >
      <fieldset>
        <legend className="mb-2 text-sm font-medium">Who can see your copy</legend>
        <div className="grid gap-2 sm:grid-cols-2" role="radiogroup">
          {SAVE_CHOICES.map((choice) => (
            <label
              key={choice.value}
              className={cn(
                "flex cursor-pointer flex-col gap-0.5 rounded-lg border p-3 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-500",
                visibility === choice.value ? "border-brand-500 bg-brand-50 dark:bg-brand-700/20" : "border-border hover:bg-muted",
              )}
            >
              <input type="radio" name="visibility" value={choice.value} checked={visibility === choice.value} onChange={() => setVisibility(choice.value)} className="sr-only" />
              <span className="text-sm font-medium">{choice.label}</span>
              <span className="text-xs text-fg-muted">{choice.help}</span>
            </label>
          ))}
        </div>
      </fieldset>
      {error && <Alert tone="error">{error}</Alert>}
      <div className="flex justify-end gap-2">
        <Button type="button" variant="secondary" onClick={onCancel}>Cancel</Button>
        <Button type="submit" pending={pending}>Save copy</Button>
      </div>
    </form>
  );
}

export function DeleteLibraryStepDialog({ card, onOpenChange, onDeleted }: { card: LibraryListItem | null; onOpenChange(open: boolean): void; onDeleted(): void }) {
  const { run, pending, error, setError } = useAction(deleteLibraryStep);
  return (
    <ConfirmDialog
      open={card !== null}
      onClose={() => {
        setError(null);
        onOpenChange(false);
      }}
      title={card ? `Delete "${card.title}"?` : "Delete step?"}
      description="It leaves the library for good. Flows and sessions that already use it keep their own copy of the step."
      confirmLabel="Delete step"
      pending={pending}
      error={error}
      onConfirm={async () => {
        if (!card) return;
        const result = await run({ stepId: card.id });
        if (result?.ok) onDeleted();
      }}
    />
  );
}

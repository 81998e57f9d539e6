"use client";
// "Add custom step": a step the engineer types in, inserted after the current one and saved
// with the session (it comes back on reload exactly where it was put).
import { BookOpen } from "@/components/ui/icons";
import { useState } from "react";
import { CommandsEditor } from "@/components/flow-editor/commands-editor";
import { LibraryPicker } from "@/components/library/library-picker";
import { libraryStepToCustomStep } from "@/components/library/library-step-convert";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { useAction } from "@/components/ui/use-action";
import type { Command } from "@/lib/flows/structure";
import { customStepSchema, type CustomStep } from "@/lib/sessions/runtime";
import { addCustomStep } from "@/lib/sessions/sessions.actions";

type Draft = { title: string; instructions: string; commands: Command[] };
const blank: Draft = { title: "", instructions: "", commands: [] };

export function CustomStepDialog({
  open,
  onOpenChange,
  sessionId,
  afterId,
  afterTitle,
  onAdded,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  sessionId: string;
  afterId: string | null;
  afterTitle: string | null;
  onAdded: (step: CustomStep) => void;
}) {
  const [draft, setDraft] = useState<Draft>(blank);
  // Taken from the step library: the fields are prefilled (and stay editable) and the use is
  // counted when the step is added.
  const [fromLibrary, setFromLibrary] = useState<{ id: string; title: string } | null>(null);
  const [pickerOpen, setPickerOpen] = useState(false);
  const [clientErrors, setClientErrors] = useState<Record<string, string[]>>({});
  const { run, pending, formError, fieldErrors } = useAction(addCustomStep);
  const errors = { ...fieldErrors, ...clientErrors };

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        onOpenChange(next);
        if (!next) setClientErrors({});
      }}
      title="Add a custom step"
      description={afterTitle ? `Inserted after “${afterTitle}”. It is saved with this session only and marked Custom.` : "Saved with this session only and marked Custom."}
    >
      <form
        className="max-h-[70vh] space-y-4 overflow-y-auto px-0.5 pb-0.5"
        onSubmit={async (event) => {
          event.preventDefault();
          // Blank commands are dropped, as in the flow editor: the server refuses empty ones.
          const input = { ...draft, commands: draft.commands.filter((c) => c.code.trim() !== "") };
          const parsed = customStepSchema.safeParse(input);
          if (!parsed.success) {
            const next: Record<string, string[]> = {};
            for (const issue of parsed.error.issues) (next[issue.path.join(".") || "_"] ??= []).push(issue.message);
            setClientErrors(next);
            return;
          }
          setClientErrors({});
          const result = await run({ sessionId, afterId, libraryStepId: fromLibrary?.id ?? null, ...parsed.data });
          if (result?.ok) {
            onAdded(result.data.step);
            setDraft(blank);
            setFromLibrary(null);
            onOpenChange(false);
          }
        }}
      >
        {formError && <Alert tone="error">{formError}</Alert>}
        <div className="flex flex-wrap items-center justify-between gap-2 rounded-md bg-muted px-3 py-2 text-sm">
          {fromLibrary ? (
            <span>
              From the library: <strong>{fromLibrary.title}</strong>{" "}
              <button type="button" className="text-brand-600 underline dark:text-brand-100" onClick={() => { setFromLibrary(null); setDraft(blank); }}>
                Clear
              </button>
            </span>
          ) : (
            <span className="text-fg-muted">Type a step in, or take one from the step library.</span>
          )}
          <Button type="button" size="sm" variant="secondary" onClick={() => setPickerOpen(true)}>
            <BookOpen className="h-4 w-4" aria-hidden />
            From library
          </Button>
        </div>
        <Field id="custom-step-title" label="Title" errors={errors.title}>
          <Input
            id="custom-step-title"
            value={draft.title}
            maxLength={200}
            autoFocus
            placeholder="e.g. Clear the print spooler folder"
            onChange={(event) => setDraft((d) => ({ ...d, title: event.target.value }))}
          />
        </Field>
        <Field id="custom-step-instructions" label="Instructions" help="Markdown works here. [VAR:key] references resolve like in the flow." errors={errors.instructions}>
          <Textarea
            id="custom-step-instructions"
            value={draft.instructions}
            maxLength={20_000}
            rows={4}
            onChange={(event) => setDraft((d) => ({ ...d, instructions: event.target.value }))}
          />
        </Field>
        <CommandsEditor idPrefix="custom-step" commands={draft.commands} onChange={(commands) => setDraft((d) => ({ ...d, commands }))} />
        {Object.entries(errors)
          .filter(([key]) => key.startsWith("commands"))
          .map(([key, messages]) => (
            <p key={key} role="alert" className="text-xs font-medium text-red-600 dark:text-red-400">
              {key.match(/^commands\.(\d+)/) ? `Command ${Number(key.split(".")[1]) + 1}: ` : ""}
              {messages[0]}
            </p>
          ))}
        <div className="flex justify-end gap-2 border-t border-border pt-4">
          <Button type="button" variant="secondary" onClick={() => onOpenChange(false)}>
            Cancel
          </Button>
          <Button type="submit" pending={pending}>
            Add step
          </Button>
        </div>
      </form>
      <LibraryPicker
        open={pickerOpen}
        onOpenChange={setPickerOpen}
        title="Take a step from the library"
        onPick={(card) => {
          setDraft(libraryStepToCustomStep(card));
          setFromLibrary({ id: card.id, title: card.title });
          setClientErrors({});
        }}
      />
    </Dialog>
  );
}

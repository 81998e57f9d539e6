"use client";
// Create or edit a manual library step. Field errors from the server appear under their fields.
// Editing loads the whole step first (GET /api/library/[id]): the list carries previews only.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { CommandsEditor } from "@/components/flow-editor/commands-editor";
import { MarkdownField } from "@/components/flow-editor/procedure/markdown-field";
import { VISIBILITY_META } from "@/components/flows/flow-meta";
import { parseTags } from "@/components/flows/flow-meta-fields";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input, Select, Textarea } from "@/components/ui/input";
import { useAction } from "@/components/ui/use-action";
import type { FieldErrors } from "@/lib/action";
import { COMMAND_LANGUAGES, VISIBILITIES, type Command, type CommandLanguage, type Visibility } from "@/lib/flows/structure";
import { createLibraryStep, updateLibraryStep } from "@/lib/library/library.actions";
import type { LibraryStepFields } from "@/lib/library/library.validation";
import type { LibraryCard } from "@/lib/library/queries";
import { libraryStepQuery } from "./library-api";
import { STEP_TYPE_LABELS } from "./library-meta";

const MAX_COMMANDS = 20;

const VISIBILITY_HELP: Record<Visibility, string> = {
  private: "Only you.",
  team: "Your team (and account admins).",
  account: "Everyone in your account.",
  public: "Every ResolutionFlow account can find it and save a copy.",
};

type FormValue = Omit<Required<LibraryStepFields>, "commands" | "groupLabel" | "tags" | "visibility"> & {
  groupLabel: string;
  commands: Command[];
  visibility: Visibility;
  tagsText: string;
};

function initialValue(step: LibraryCard | null): FormValue {
  return {
    title: step?.title ?? "",
    type: step?.type ?? "action",
    instructions: step?.content.instructions ?? "",
    helpText: step?.content.helpText ?? "",
    groupLabel: step?.groupLabel ?? "",
    commands: (step?.content.commands ?? []).map((c) => ({
      label: c.label,
      code: c.command,
      language: (COMMAND_LANGUAGES as readonly string[]).includes(c.commandType) ? (c.commandType as CommandLanguage) : "text",
    })),
    visibility: step?.visibility ?? "team",
    tagsText: (step?.tags ?? []).join(", "),
  };
}

/** Errors whose key is `name` or starts with `name.` (e.g. tags.3), for one field. */
const errorsUnder = (errors: FieldErrors, name: string) =>
  Object.entries(errors).filter(([key]) => key === name || key.startsWith(`${name}.`)).flatMap(([, messages]) => messages);

export function LibraryStepFormDialog({
  open,
  onOpenChange,
  step,
  groups,
  onSaved,
}: {
  open: boolean;
  onOpenChange(open: boolean): void;
  /** The step to edit (its id: the form loads the whole step); null to create one. */
  step: { id: string } | null;
  /** Existing group labels, offered as suggestions. */
  groups: string[];
  onSaved(result: { id: string; created: boolean }): void;
}) {
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={step ? "Edit library step" : "New library step"}
      description={step ? undefined : "A reusable step engineers can insert into flows and running sessions."}
    >
      {/* Mounted per opening, so the form always starts from the step being edited. */}
      {open && (step ? (
        <LoadedStepForm stepId={step.id} groups={groups} onCancel={() => onOpenChange(false)} onSaved={onSaved} />
      ) : (
        <LibraryStepForm step={null} groups={groups} onCancel={() => onOpenChange(false)} onSaved={onSaved} />
      ))}
    </Dialog>
  );
}

function LoadedStepForm({ stepId, ...props }: { stepId: string; groups: string[]; onCancel(): void; onSaved(result: { id: string; created: boolean }): void }) {
  const whole = useQuery(libraryStepQuery(stepId));
  if (whole.data) return <LibraryStepForm step={whole.data} {...props} />;
  if (whole.isError) {
    return (
      <Alert tone="error">
        {(whole.error as Error).message}{" "}
        <button type="button" className="font-medium underline" onClick={() => whole.refetch()}>Retry</button>
      </Alert>
    );
  }
  return (
    <div className="space-y-3" role="status" aria-label="Loading the step" data-testid="library-step-loading">
      <div className="h-10 animate-pulse rounded-md bg-muted" />
      <div className="h-10 animate-pulse rounded-md bg-muted" />
      <div className="h-32 animate-pulse rounded-md bg-muted" />
    </div>
  );
}

function LibraryStepForm({ step, groups, onCancel, onSaved }: { step: LibraryCard | null; groups: string[]; onCancel(): void; onSaved(result: { id: string; created: boolean }): void }) {
  const [value, setValue] = useState<FormValue>(() => initialValue(step));
  const create = useAction(createLibraryStep);
  const update = useAction(updateLibraryStep);
  const action = step ? update : create;
  const errors = action.fieldErrors;
  const set = (patch: Partial<FormValue>) => setValue((current) => ({ ...current, ...patch }));
  const id = (name: string) => `library-step-${name}`;

  return (
    <form
      noValidate
      className="-mx-6 -mb-6 flex max-h-[calc(100vh-12rem)] flex-col"
      onSubmit={async (event) => {
        event.preventDefault();
        const form = event.currentTarget;
        const { tagsText, groupLabel, commands, ...fields } = value;
        const input = {
          ...fields,
          commands: commands.map((c) => ({ label: c.label, command: c.code, commandType: c.language })),
          groupLabel: groupLabel.trim() || null,
          tags: parseTags(tagsText),
        };
        const result = step ? await update.run({ ...input, stepId: step.id }) : await create.run(input);
        if (result?.ok) onSaved({ id: result.data.id, created: !step });
        // Take the engineer to the first field the server refused.
        else if (result) {
          requestAnimationFrame(() => {
            const invalid = form.querySelector<HTMLElement>('[aria-invalid="true"]');
            invalid?.focus({ preventScroll: true });
            invalid?.parentElement?.scrollIntoView({ block: "nearest" }); // with its label
          });
        }
      }}
    >
      <div className="min-h-0 flex-1 space-y-4 overflow-y-auto px-6 pt-1 pb-4">
        {action.formError && <Alert tone="error">{action.formError}</Alert>}
        <Field id={id("title")} label="Title" errors={errors.title}>
          <Input id={id("title")} value={value.title} maxLength={200} autoFocus placeholder="e.g. Clear the Outlook credential cache" onChange={(e) => set({ title: e.target.value })} />
        </Field>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id={id("type")} label="Type" help={value.type === "solution" ? "Fixes the problem: a place a troubleshooting path can end." : "Something the engineer does."} errors={errors.type}>
            <Select id={id("type")} value={value.type} onChange={(e) => set({ type: e.target.value as FormValue["type"] })}>
              {(["action", "solution"] as const).map((t) => <option key={t} value={t}>{STEP_TYPE_LABELS[t]}</option>)}
            </Select>
          </Field>
          <Field id={id("group")} label="Group" help="Optional, e.g. Network or Accounts." errors={errors.groupLabel}>
            <Input id={id("group")} value={value.groupLabel} maxLength={200} list={id("groups")} onChange={(e) => set({ groupLabel: e.target.value })} />
          </Field>
          <datalist id={id("groups")}>{groups.map((g) => <option key={g} value={g} />)}</datalist>
        </div>
        <div>
          <MarkdownField
            id={id("instructions")}
            label="Instructions"
            value={value.instructions}
            maxLength={20_000}
            placeholder="What to do, step by step."
            onChange={(instructions) => set({ instructions })}
          />
          <FieldError id={id("instructions")} errors={errors.instructions} />
        </div>
        <Field id={id("help")} label="Help text" help="Optional: the expected outcome, or what to check when it does not work." errors={errors.helpText}>
          <Textarea id={id("help")} value={value.helpText} maxLength={5000} rows={2} onChange={(e) => set({ helpText: e.target.value })} />
        </Field>

        <div>
          <CommandsEditor
            idPrefix="library-step"
            commands={value.commands}
            onChange={(commands) => set({ commands })}
            max={MAX_COMMANDS}
            errorsAt={(index, field) => errors[`commands.${index}.${field === "code" ? "command" : "label"}`]}
          />
          <FieldError id={id("commands")} errors={errors.commands} />
        </div>

        <div className="grid gap-4 sm:grid-cols-2">
          <Field id={id("visibility")} label="Who can see it" help={VISIBILITY_HELP[value.visibility]} errors={errors.visibility}>
            <Select id={id("visibility")} value={value.visibility} onChange={(e) => set({ visibility: e.target.value as Visibility })}>
              {VISIBILITIES.map((v) => <option key={v} value={v}>{VISIBILITY_META[v].label}</option>)}
            </Select>
          </Field>
          <Field id={id("tags")} label="Tags" help="Comma separated, e.g. dns, outlook" errors={errorsUnder(errors, "tags")}>
            <Input id={id("tags")} value={value.tagsText} onChange={(e) => set({ tagsText: e.target.value })} />
          </Field>
        </div>
      </div>
      <div className="flex justify-end gap-2 border-t border-border px-6 py-4">
        <Button type="button" variant="secondary" onClick={onCancel}>Cancel</Button>
        <Button type="submit" pending={action.pending}>{step ? "Save changes" : "Add to library"}</Button>
      </div>
    </form>
  );
}

function FieldError({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return <p id={`${id}-error`} role="alert" className="mt-1 text-xs font-medium text-red-600 dark:text-red-400">{errors[0]}</p>;
}

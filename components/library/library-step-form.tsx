"use client";
// Create or edit a manual library step. Field errors from the server appear under their fields.
import { Plus, Trash2 } from "lucide-react";
import { useEffect, useState } from "react";
import { LANGUAGE_LABELS } from "@/components/flow-editor/procedure/labels";
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
import { COMMAND_LANGUAGES, VISIBILITIES, type CommandLanguage, type Visibility } from "@/lib/flows/structure";
import { createLibraryStep, updateLibraryStep } from "@/lib/library/library.actions";
import type { LibraryStepFields } from "@/lib/library/library.validation";
import type { LibraryCard } from "@/lib/library/queries";
import { STEP_TYPE_LABELS } from "./library-meta";

const MAX_COMMANDS = 20;

const VISIBILITY_HELP: Record<Visibility, string> = {
  private: "Only you.",
  team: "Your team (and account admins).",
  account: "Everyone in your account.",
  public: "Every ResolutionFlow account can find it and save a copy.",
};

type FormCommand = { label: string; command: string; commandType: CommandLanguage };
type FormValue = Omit<Required<LibraryStepFields>, "commands" | "groupLabel" | "tags" | "visibility"> & {
  groupLabel: string;
  commands: FormCommand[];
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
      command: c.command,
      commandType: (COMMAND_LANGUAGES as readonly string[]).includes(c.commandType) ? (c.commandType as CommandLanguage) : "text",
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
  /** The step to edit; null to create one. */
  step: LibraryCard | null;
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
      {open && <LibraryStepForm step={step} groups={groups} onCancel={() => onOpenChange(false)} onSaved={onSaved} />}
    </Dialog>
  );
}

function LibraryStepForm({ step, groups, onCancel, onSaved }: { step: LibraryCard | null; groups: string[]; onCancel(): void; onSaved(result: { id: string; created: boolean }): void }) {
  const [value, setValue] = useState<FormValue>(() => initialValue(step));
  const create = useAction(createLibraryStep);
  const update = useAction(updateLibraryStep);
  const action = step ? update : create;
  const errors = action.fieldErrors;
  const set = (patch: Partial<FormValue>) => setValue((current) => ({ ...current, ...patch }));
  const setCommand = (index: number, patch: Partial<FormCommand>) =>
    setValue((current) => ({ ...current, commands: current.commands.map((c, i) => (i === index ? { ...c, ...patch } : c)) }));
  const id = (name: string) => `library-step-${name}`;
  // A new command's text box takes the focus.
  const [focusCommand, setFocusCommand] = useState<number | null>(null);
  useEffect(() => {
    if (focusCommand !== null) document.getElementById(`library-step-cmd-${focusCommand}-code`)?.focus();
  }, [focusCommand]);

  return (
    <form
      noValidate
      className="-mx-6 -mb-6 flex max-h-[calc(100vh-12rem)] flex-col"
      onSubmit={async (event) => {
        event.preventDefault();
        const form = event.currentTarget;
        const { tagsText, groupLabel, ...fields } = value;
        const input = { ...fields, groupLabel: groupLabel.trim() || null, tags: parseTags(tagsText) };
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

        <fieldset className="space-y-2">
          <legend className="text-sm font-medium">Commands</legend>
          {value.commands.length === 0 && <p className="text-xs text-fg-muted">No commands. Add one for anything to paste into a shell; it gets a copy button.</p>}
          <ol className="space-y-3">
            {value.commands.map((command, index) => {
              const base = id(`cmd-${index}`);
              const n = index + 1;
              return (
                <li key={index} className="space-y-2 rounded-md border border-border bg-bg/60 p-3">
                  <div className="flex flex-wrap items-end gap-2">
                    <div className="min-w-32 flex-1">
                      <label htmlFor={`${base}-label`} className="mb-1 block text-xs font-medium text-fg-muted">Label <span className="font-normal">(optional)</span></label>
                      <Input id={`${base}-label`} value={command.label} maxLength={120} className="h-9" aria-invalid={Boolean(errors[`commands.${index}.label`]) || undefined} onChange={(e) => setCommand(index, { label: e.target.value })} />
                    </div>
                    <div className="w-40">
                      <label htmlFor={`${base}-lang`} className="mb-1 block text-xs font-medium text-fg-muted">Language</label>
                      <Select id={`${base}-lang`} value={command.commandType} className="h-9" onChange={(e) => setCommand(index, { commandType: e.target.value as CommandLanguage })}>
                        {COMMAND_LANGUAGES.map((l) => <option key={l} value={l}>{LANGUAGE_LABELS[l]}</option>)}
                      </Select>
                    </div>
                    <Button
                      type="button"
                      variant="ghost"
                      size="icon"
                      aria-label={`Remove command ${n}`}
                      className="text-red-600 hover:bg-red-50 dark:text-red-400 dark:hover:bg-red-950/40"
                      onClick={() => setValue((current) => ({ ...current, commands: current.commands.filter((_, i) => i !== index) }))}
                    >
                      <Trash2 className="h-4 w-4" aria-hidden />
                    </Button>
                  </div>
                  <FieldError id={`${base}-label`} errors={errors[`commands.${index}.label`]} />
                  <div>
                    <label htmlFor={`${base}-code`} className="mb-1 block text-xs font-medium text-fg-muted">Command {n}</label>
                    <Textarea
                      id={`${base}-code`}
                      value={command.command}
                      spellCheck={false}
                      autoCapitalize="off"
                      autoCorrect="off"
                      maxLength={20_000}
                      aria-invalid={Boolean(errors[`commands.${index}.command`]) || undefined}
                      aria-describedby={errors[`commands.${index}.command`] ? `${base}-code-error` : undefined}
                      className="max-h-64 min-h-16 font-mono text-[0.8125rem] leading-relaxed [field-sizing:content]"
                      onChange={(e) => setCommand(index, { command: e.target.value })}
                    />
                    <FieldError id={`${base}-code`} errors={errors[`commands.${index}.command`]} />
                  </div>
                </li>
              );
            })}
          </ol>
          <Button
            type="button"
            variant="secondary"
            size="sm"
            disabled={value.commands.length >= MAX_COMMANDS}
            onClick={() => {
              setValue((current) => ({ ...current, commands: [...current.commands, { label: "", command: "", commandType: current.commands.at(-1)?.commandType ?? "powershell" }] }));
              setFocusCommand(value.commands.length);
            }}
          >
            <Plus className="h-4 w-4" aria-hidden />
            Add command
          </Button>
          <FieldError id={id("commands")} errors={errors.commands} />
        </fieldset>

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

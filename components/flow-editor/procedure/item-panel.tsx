"use client";
import { Copy, Trash2 } from "@/components/ui/icons";
import { useEffect, useId, type ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select, Textarea } from "@/components/ui/input";
import { CONTENT_TYPES, type ContentType, type ProcedureItem, type ProcedureStep, type StructureIssue, type Visibility } from "@/lib/flows/structure";
import { CommandsEditor } from "@/components/flow-editor/commands-editor";
import { IssueList } from "./issue-list";
import { CONTENT_TYPE_META, inheritedLibraryVisibility, KIND_LABELS, LIBRARY_VISIBILITY_LABELS } from "./labels";
import { MarkdownField } from "./markdown-field";

type PanelProps = {
  item: ProcedureItem;
  number: number | undefined;
  sectionTitle: string | null;
  stepsInSection: number;
  issues: StructureIssue[];
  flowVisibility: Visibility;
  onChange: (next: ProcedureItem) => void;
  onDuplicate: () => void;
  onDelete: () => void;
  /** Changes when the title should take focus (a freshly added item). */
  focusTitleSignal: number;
};

const titleError = (title: string) => (title.trim() === "" ? ["Give it a title."] : undefined);

/** Edits the selected item: a step's full content, a section's title, or the closing step's text. */
export function ItemPanel({ item, number, sectionTitle, stepsInSection, issues, flowVisibility, onChange, onDuplicate, onDelete, focusTitleSignal }: PanelProps) {
  // Ids come from useId, not the item id: a save swaps temporary ids for real ones and must not
  // remount the inputs under the engineer's cursor.
  const id = useId();
  useEffect(() => {
    if (focusTitleSignal === 0) return;
    const title = document.getElementById(`${id}-title`) as HTMLInputElement | null;
    title?.focus();
    title?.select();
  }, [focusTitleSignal, id]);

  const heading = item.type === "procedure_step" ? `Step ${number}` : KIND_LABELS[item.type];
  const titleInput = (label: string, placeholder: string) => (
    <Field id={`${id}-title`} label={label} errors={item.type === "procedure_end" ? undefined : titleError(item.title)}>
      <Input
        id={`${id}-title`}
        value={item.title}
        maxLength={200}
        placeholder={placeholder}
        aria-invalid={item.type !== "procedure_end" && item.title.trim() === ""}
        onChange={(event) => onChange({ ...item, title: event.target.value })}
      />
    </Field>
  );

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h3 className="flex items-center gap-2 text-base font-semibold">
            {heading}
            {item.type === "procedure_step" && <Badge tone={CONTENT_TYPE_META[item.contentType].tone}>{CONTENT_TYPE_META[item.contentType].label}</Badge>}
          </h3>
          <p className="text-xs text-fg-muted">
            {item.type === "section_header" &&
              `Groups the steps below it, up to the next section (${stepsInSection === 1 ? "1 step" : `${stepsInSection} steps`} now). The step library files them under its title.`}
            {item.type === "procedure_step" && (sectionTitle ? `In section "${sectionTitle}"` : "Not in a section")}
            {item.type === "procedure_end" && "Shown when the engineer finishes the procedure. Always the last step."}
          </p>
        </div>
        <div className="flex gap-2">
          {item.type !== "procedure_end" && (
            <Button type="button" variant="secondary" size="sm" onClick={onDuplicate}>
              <Copy className="h-4 w-4" aria-hidden />
              Duplicate
            </Button>
          )}
          <Button type="button" variant="secondary" size="sm" onClick={onDelete} className="text-red-700 dark:text-red-300">
            <Trash2 className="h-4 w-4" aria-hidden />
            {item.type === "procedure_end" ? "Remove" : "Delete"}
          </Button>
        </div>
      </div>

      <IssueList issues={issues} />

      {item.type === "section_header" && titleInput("Section title", "e.g. Prepare the server")}
      {item.type === "procedure_end" && (
        <>
          {titleInput("Title", "Done")}
          <MarkdownField
            id={`${id}-text`}
            label="Closing text"
            value={item.text}
            maxLength={10_000}
            placeholder="e.g. Update the ticket with the results and close it."
            onChange={(text) => onChange({ ...item, text })}
          />
        </>
      )}
      {item.type === "procedure_step" && <StepFields id={id} step={item} flowVisibility={flowVisibility} onChange={onChange} titleInput={titleInput("Title", "e.g. Check the free disk space")} />}
    </div>
  );
}

function StepFields({
  id,
  step,
  flowVisibility,
  onChange,
  titleInput,
}: {
  id: string;
  step: ProcedureStep;
  flowVisibility: Visibility;
  onChange: (next: ProcedureStep) => void;
  titleInput: ReactNode;
}) {
  const inherited = LIBRARY_VISIBILITY_LABELS[inheritedLibraryVisibility(flowVisibility)];
  return (
    <>
      {titleInput}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id={`${id}-type`} label="Content type" help={CONTENT_TYPE_META[step.contentType].help}>
          <Select
            id={`${id}-type`}
            value={step.contentType}
            onChange={(event) => onChange({ ...step, contentType: event.target.value as ContentType })}
          >
            {CONTENT_TYPES.map((type) => (
              <option key={type} value={type}>
                {CONTENT_TYPE_META[type].label}
              </option>
            ))}
          </Select>
        </Field>
        <Field
          id={`${id}-visibility`}
          label="Library visibility"
          help={`When the flow is published this step is copied to the step library. "Inherit" means public if the flow is public, otherwise team (now: ${inherited}).`}
        >
          <Select
            id={`${id}-visibility`}
            value={step.libraryVisibility ?? "inherit"}
            onChange={(event) => {
              const value = event.target.value;
              onChange({ ...step, libraryVisibility: value === "team" || value === "public" ? value : null });
            }}
          >
            <option value="inherit">Inherit from flow ({inherited})</option>
            <option value="team">Team</option>
            <option value="public">Public</option>
          </Select>
        </Field>
      </div>
      <MarkdownField
        id={`${id}-description`}
        label="Description"
        value={step.description}
        maxLength={20_000}
        placeholder={"What to do, and why.\n\n1. Open Services\n2. Find **Print Spooler**"}
        onChange={(description) => onChange({ ...step, description })}
      />
      <Field id={`${id}-outcome`} label="Expected outcome" help="What the engineer should see when the step worked. Shown next to the step and used as help text in the library.">
        <Textarea
          id={`${id}-outcome`}
          value={step.expectedOutcome}
          maxLength={5_000}
          placeholder="e.g. The service shows Running."
          onChange={(event) => onChange({ ...step, expectedOutcome: event.target.value })}
          className="min-h-16 max-h-60 [field-sizing:content]"
        />
      </Field>
      <CommandsEditor idPrefix={id} commands={step.commands} onChange={(commands) => onChange({ ...step, commands })} />
    </>
  );
}

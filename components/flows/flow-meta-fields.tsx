"use client";
// Name, description, category, tags and visibility: shared by "New flow" and the editor.
import { Field } from "@/components/ui/field";
import { Input, Select, Textarea } from "@/components/ui/input";
import type { FieldErrors } from "@/lib/action";
import { VISIBILITIES, type Visibility } from "@/lib/flows/structure";
import { VISIBILITY_META } from "./flow-meta";

export type FlowMetaValue = { name: string; description: string; category: string; tags: string[]; visibility: Visibility };

export function parseTags(text: string): string[] {
  return [...new Set(text.split(",").map((t) => t.trim().toLowerCase()).filter(Boolean))];
}

export function FlowMetaFields({
  value,
  onChange,
  errors = {},
  categories = [],
  idPrefix = "flow",
}: {
  value: FlowMetaValue;
  onChange: (next: FlowMetaValue) => void;
  errors?: FieldErrors;
  categories?: string[];
  idPrefix?: string;
}) {
  const id = (name: string) => `${idPrefix}-${name}`;
  return (
    <div className="space-y-4">
      <Field id={id("name")} label="Name" errors={errors.name}>
        <Input id={id("name")} value={value.name} maxLength={200} onChange={(e) => onChange({ ...value, name: e.target.value })} aria-invalid={Boolean(errors.name)} />
      </Field>
      <Field id={id("description")} label="Description" help="What problem or task is this for? Shown in the library." errors={errors.description}>
        <Textarea id={id("description")} value={value.description} maxLength={5000} rows={3} onChange={(e) => onChange({ ...value, description: e.target.value })} />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id={id("category")} label="Category" help="e.g. Email, Printing, Identity" errors={errors.category}>
          <Input id={id("category")} value={value.category} maxLength={60} list={id("categories")} onChange={(e) => onChange({ ...value, category: e.target.value })} />
          <datalist id={id("categories")}>{categories.map((c) => <option key={c} value={c} />)}</datalist>
        </Field>
        <Field id={id("visibility")} label="Who can see it" help={VISIBILITY_META[value.visibility].help} errors={errors.visibility}>
          <Select id={id("visibility")} value={value.visibility} onChange={(e) => onChange({ ...value, visibility: e.target.value as Visibility })}>
            {VISIBILITIES.map((v) => <option key={v} value={v}>{VISIBILITY_META[v].label}</option>)}
          </Select>
        </Field>
      </div>
      <Field id={id("tags")} label="Tags" help="Comma separated, e.g. outlook, m365" errors={errors.tags ?? Object.entries(errors).filter(([k]) => k.startsWith("tags.")).flatMap(([, v]) => v)}>
        <Input
          id={id("tags")}
          defaultValue={value.tags.join(", ")}
          onBlur={(e) => onChange({ ...value, tags: parseTags(e.target.value) })}
          onChange={(e) => onChange({ ...value, tags: parseTags(e.target.value) })}
        />
      </Field>
    </div>
  );
}

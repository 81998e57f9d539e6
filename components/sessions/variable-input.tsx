"use client";
// One input for a flow variable, typed by its field type (used by Prepare session).
import { Input, Select, Textarea } from "@/components/ui/input";
import type { VariableDefinition } from "@/lib/flows/variables";

const INPUT_TYPE: Partial<Record<VariableDefinition["fieldType"], string>> = { number: "number", email: "email", url: "url" };

/** `aria-describedby` comes from the surrounding Field (help text, errors) and is passed on to the control. */
export function VariableInput({
  id,
  definition,
  value,
  onChange,
  invalid,
  "aria-describedby": describedBy,
}: {
  id: string;
  definition: VariableDefinition;
  value: string;
  onChange: (value: string) => void;
  invalid?: boolean;
  "aria-describedby"?: string;
}) {
  const a11y = { "aria-invalid": invalid || undefined, "aria-required": definition.required || undefined, "aria-describedby": describedBy };
  if (definition.fieldType === "select") {
    return (
      <Select id={id} value={value} onChange={(e) => onChange(e.target.value)} {...a11y}>
        <option value="">Choose…</option>
        {definition.options.map((o) => <option key={o} value={o}>{o}</option>)}
      </Select>
    );
  }
  if (definition.fieldType === "textarea") {
    return <Textarea id={id} value={value} onChange={(e) => onChange(e.target.value)} rows={3} {...a11y} />;
  }
  return <Input id={id} type={INPUT_TYPE[definition.fieldType] ?? "text"} value={value} onChange={(e) => onChange(e.target.value)} {...a11y} className={definition.fieldType === "hostname" || definition.fieldType === "ip" ? "font-mono" : undefined} />;
}

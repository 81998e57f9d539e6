"use client";
// Defines a flow's intake variables and shows which `[VAR:key]` references are used,
// unknown (used but not defined) or unused (defined but never referenced).
import { AlertTriangle, Plus, Trash2 } from "@/components/ui/icons";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { FIELD_TYPES, type VariableDefinition } from "@/lib/flows/variables";

export const blankVariable = (key = ""): VariableDefinition => ({
  key, label: key ? key.replace(/_/g, " ").replace(/^\w/, (c) => c.toUpperCase()) : "", fieldType: "text", helpText: "", options: [], required: false, default: "",
});

export function VariablesPanel({
  value,
  onChange,
  warnings,
  errors,
}: {
  value: VariableDefinition[];
  onChange: (next: VariableDefinition[]) => void;
  warnings: { used: string[]; unknown: string[]; unused: string[] };
  errors: Record<string, string[]>;
}) {
  const update = (index: number, patch: Partial<VariableDefinition>) => onChange(value.map((v, i) => (i === index ? { ...v, ...patch } : v)));
  return (
    <div className="space-y-4">
      <p className="text-sm text-fg-muted">
        Write <code className="rounded bg-muted px-1">[VAR:key]</code> in any title, text or command. While running, an unfilled variable shows as an input right where it is used.
      </p>
      {warnings.unknown.length > 0 && (
        <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950/40 dark:text-amber-200" role="status">
          <p className="flex items-center gap-2 font-medium"><AlertTriangle className="h-4 w-4" aria-hidden />Used but not defined</p>
          <div className="mt-2 flex flex-wrap gap-2">
            {warnings.unknown.map((key) => (
              <Button key={key} size="sm" variant="secondary" onClick={() => onChange([...value, blankVariable(key)])}>
                <Plus className="h-3 w-3" aria-hidden />Define {key}
              </Button>
            ))}
          </div>
        </div>
      )}
      {value.length === 0 ? (
        <p className="rounded-md border border-dashed border-border p-6 text-center text-sm text-fg-muted">No variables yet. Add one for details that change each run, like a server name or a user&apos;s email.</p>
      ) : (
        <ul className="space-y-3">
          {value.map((variable, index) => {
            const err = (field: string) => errors[`variables.${index}.${field}`];
            return (
              <li key={index} className="rounded-lg border border-border p-4" data-testid="variable-row">
                <div className="mb-3 flex items-center gap-2">
                  <code className="text-sm font-semibold">[VAR:{variable.key || "key"}]</code>
                  {warnings.unused.includes(variable.key) && <Badge tone="amber">Not used yet</Badge>}
                  {warnings.used.includes(variable.key) && <Badge tone="green">Used</Badge>}
                  <Button variant="ghost" size="sm" className="ml-auto text-red-600" onClick={() => onChange(value.filter((_, i) => i !== index))} aria-label={`Remove variable ${variable.key}`}>
                    <Trash2 className="h-4 w-4" aria-hidden />
                  </Button>
                </div>
                <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
                  <Field id={`var-${index}-key`} label="Key" errors={err("key")}>
                    <Input id={`var-${index}-key`} value={variable.key} maxLength={40} className="font-mono" onChange={(e) => update(index, { key: e.target.value.replace(/\s+/g, "_") })} />
                  </Field>
                  <Field id={`var-${index}-label`} label="Label" errors={err("label")}>
                    <Input id={`var-${index}-label`} value={variable.label} maxLength={120} onChange={(e) => update(index, { label: e.target.value })} />
                  </Field>
                  <Field id={`var-${index}-type`} label="Field type" errors={err("fieldType")}>
                    <Select id={`var-${index}-type`} value={variable.fieldType} onChange={(e) => update(index, { fieldType: e.target.value as VariableDefinition["fieldType"] })}>
                      {FIELD_TYPES.map((t) => <option key={t} value={t}>{t}</option>)}
                    </Select>
                  </Field>
                  <Field id={`var-${index}-help`} label="Help text" errors={err("helpText")}>
                    <Input id={`var-${index}-help`} value={variable.helpText} maxLength={500} onChange={(e) => update(index, { helpText: e.target.value })} />
                  </Field>
                  <Field id={`var-${index}-default`} label="Default value" errors={err("default")}>
                    <Input id={`var-${index}-default`} value={variable.default} maxLength={2000} onChange={(e) => update(index, { default: e.target.value })} />
                  </Field>
                  {variable.fieldType === "select" && (
                    <Field id={`var-${index}-options`} label="Options" help="Comma separated" errors={err("options")}>
                      <Input id={`var-${index}-options`} defaultValue={variable.options.join(", ")} onChange={(e) => update(index, { options: e.target.value.split(",").map((o) => o.trim()).filter(Boolean) })} />
                    </Field>
                  )}
                  <label className="flex items-center gap-2 text-sm">
                    <input type="checkbox" checked={variable.required} onChange={(e) => update(index, { required: e.target.checked })} className="h-4 w-4 accent-brand-600" />
                    Required
                  </label>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      <Button variant="secondary" onClick={() => onChange([...value, blankVariable()])}><Plus className="h-4 w-4" aria-hidden />Add variable</Button>
    </div>
  );
}

"use client";
import { Plus, Trash2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Input, Select, Textarea } from "@/components/ui/input";
import { COMMAND_LANGUAGES, type Command, type CommandLanguage } from "@/lib/flows/structure";
import { MAX_COMMANDS } from "./tree-ops";

const LANGUAGE_LABELS: Record<CommandLanguage, string> = {
  powershell: "PowerShell",
  cmd: "CMD",
  bash: "Bash",
  sql: "SQL",
  text: "Plain text",
};

/** A node's commands: language, label and code for each, with copy. Read-only shows code blocks. */
export function CommandsEditor({
  idPrefix,
  commands,
  onChange,
  readOnly,
}: {
  idPrefix: string;
  commands: Command[];
  onChange: (next: Command[]) => void;
  readOnly?: boolean;
}) {
  const update = (index: number, patch: Partial<Command>) => onChange(commands.map((c, i) => (i === index ? { ...c, ...patch } : c)));

  if (readOnly) {
    if (!commands.length) return null;
    return (
      <section aria-labelledby={`${idPrefix}-heading`} className="space-y-2">
        <h3 id={`${idPrefix}-heading`} className="text-sm font-medium">Commands</h3>
        {commands.map((command, index) => (
          <div key={index} className="rounded-md border border-border">
            <div className="flex items-center justify-between gap-2 border-b border-border px-3 py-1.5 text-xs text-fg-muted">
              <span>{command.label || LANGUAGE_LABELS[command.language]}{command.label && ` · ${LANGUAGE_LABELS[command.language]}`}</span>
              <CopyButton value={command.code} label="Copy" aria-label={`Copy command ${index + 1}`} />
            </div>
            <pre className="overflow-x-auto px-3 py-2 font-mono text-sm whitespace-pre">{command.code}</pre>
          </div>
        ))}
      </section>
    );
  }

  return (
    <section aria-labelledby={`${idPrefix}-heading`} className="space-y-3">
      <div className="flex items-center justify-between gap-2">
        <h3 id={`${idPrefix}-heading`} className="text-sm font-medium">
          Commands <span className="font-normal text-fg-muted">({commands.length})</span>
        </h3>
        <Button
          type="button"
          variant="secondary"
          size="sm"
          disabled={commands.length >= MAX_COMMANDS}
          onClick={() => {
            onChange([...commands, { language: "powershell", code: "", label: "" }]);
            requestAnimationFrame(() => document.getElementById(`${idPrefix}-${commands.length}-code`)?.focus());
          }}
        >
          <Plus className="h-4 w-4" aria-hidden /> Add command
        </Button>
      </div>
      {commands.length === 0 && <p className="text-sm text-fg-muted">No commands. Add one for anything the engineer should copy and run.</p>}
      {commands.map((command, index) => {
        const id = `${idPrefix}-${index}`;
        const empty = command.code.trim() === "";
        return (
          <fieldset key={index} className="space-y-2 rounded-md border border-border p-3">
            <legend className="px-1 text-xs font-medium text-fg-muted">Command {index + 1}</legend>
            <div className="flex flex-wrap items-end gap-2">
              <div className="w-36">
                <label htmlFor={`${id}-language`} className="mb-1 block text-xs font-medium">Language</label>
                <Select
                  id={`${id}-language`}
                  className="h-9"
                  value={command.language}
                  onChange={(e) => update(index, { language: e.target.value as CommandLanguage })}
                >
                  {COMMAND_LANGUAGES.map((language) => (
                    <option key={language} value={language}>{LANGUAGE_LABELS[language]}</option>
                  ))}
                </Select>
              </div>
              <div className="min-w-40 flex-1">
                <label htmlFor={`${id}-label`} className="mb-1 block text-xs font-medium">Label <span className="font-normal text-fg-muted">(optional)</span></label>
                <Input
                  id={`${id}-label`}
                  className="h-9"
                  value={command.label}
                  maxLength={120}
                  placeholder="e.g. Flush the DNS cache"
                  onChange={(e) => update(index, { label: e.target.value })}
                />
              </div>
              <div className="flex gap-1">
                <CopyButton value={command.code} disabled={empty} aria-label={`Copy command ${index + 1}`} />
                <Button
                  type="button"
                  variant="ghost"
                  size="icon"
                  className="h-8 w-8 text-red-700 dark:text-red-400"
                  aria-label={`Remove command ${index + 1}`}
                  onClick={() => onChange(commands.filter((_, i) => i !== index))}
                >
                  <Trash2 className="h-4 w-4" aria-hidden />
                </Button>
              </div>
            </div>
            <div>
              <label htmlFor={`${id}-code`} className="mb-1 block text-xs font-medium">Code</label>
              <Textarea
                id={`${id}-code`}
                className="min-h-16 font-mono text-[13px] leading-5"
                rows={Math.min(12, Math.max(2, command.code.split("\n").length))}
                spellCheck={false}
                autoCapitalize="off"
                autoCorrect="off"
                value={command.code}
                aria-invalid={empty}
                aria-describedby={empty ? `${id}-code-error` : undefined}
                onChange={(e) => update(index, { code: e.target.value })}
              />
              {empty && (
                <p id={`${id}-code-error`} className="mt-1 text-xs font-medium text-red-600 dark:text-red-400">
                  Enter the command, or remove it.
                </p>
              )}
            </div>
          </fieldset>
        );
      })}
    </section>
  );
}

"use client";
import { Plus } from "@/components/ui/icons";
import { useEffect, useRef, useState } from "react";
import { ListItemControls } from "@/components/flow-editor/list-item-controls";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Input, Select, Textarea } from "@/components/ui/input";
import { COMMAND_LANGUAGES, MAX_COMMANDS, type Command, type CommandLanguage } from "@/lib/flows/structure";
import { LANGUAGE_LABELS } from "./procedure/labels";
import { moveInList, newCommand } from "./procedure/procedure-ops";

/** Add, edit, reorder and remove the commands of one procedure step or tree node. */
export function CommandsEditor({
  idPrefix,
  commands,
  onChange,
  max = MAX_COMMANDS,
  errorsAt,
}: {
  idPrefix: string;
  commands: Command[];
  onChange: (next: Command[]) => void;
  /** How many commands the form accepts (the library takes fewer than a flow step). */
  max?: number;
  /** The server's messages for one command's code or label, shown under that field. */
  errorsAt?: (index: number, field: "code" | "label") => string[] | undefined;
}) {
  // After add/move/remove, focus follows the command acted on: the first of these selectors
  // that matches an enabled control wins.
  const [focusRequest, setFocusRequest] = useState<string[] | null>(null);
  const rootRef = useRef<HTMLFieldSetElement>(null);
  useEffect(() => {
    if (!focusRequest) return;
    for (const selector of focusRequest) {
      const element = rootRef.current?.querySelector<HTMLElement>(selector);
      if (element && !(element as HTMLButtonElement).disabled) return element.focus();
    }
  }, [focusRequest]);
  const at = (index: number, what: string) => `[data-command-focus="${index}-${what}"]`;

  const update = (index: number, patch: Partial<Command>) => onChange(commands.map((c, i) => (i === index ? { ...c, ...patch } : c)));
  const move = (index: number, delta: -1 | 1) => {
    onChange(moveInList(commands, index, index + delta));
    const target = index + delta;
    setFocusRequest(delta === -1 ? [at(target, "up"), at(target, "down")] : [at(target, "down"), at(target, "up")]);
  };
  const remove = (index: number) => {
    onChange(commands.filter((_, i) => i !== index));
    const next = Math.min(index, commands.length - 2);
    setFocusRequest(next >= 0 ? [at(next, "code")] : ["[data-command-focus=add]"]);
  };
  const add = () => {
    // A new command takes the language of the one above it: steps tend to stay in one shell.
    const language: CommandLanguage = commands.at(-1)?.language ?? "powershell";
    onChange([...commands, newCommand(language)]);
    setFocusRequest([at(commands.length, "code")]);
  };

  return (
    <fieldset ref={rootRef} className="space-y-2">
      <legend className="text-sm font-medium text-fg">Commands</legend>
      {commands.length === 0 ? (
        <p className="text-xs text-fg-muted">No commands. Add one for anything the engineer should paste into a shell; it gets a copy button.</p>
      ) : (
        <ol className="space-y-3">
          {commands.map((command, index) => {
            const n = index + 1;
            const base = `${idPrefix}-cmd-${index}`;
            const blank = command.code.trim() === "";
            const labelErrors = errorsAt?.(index, "label");
            const codeErrors = errorsAt?.(index, "code");
            return (
              <li key={index} className="rounded-md border border-border bg-bg/60 p-3">
                <div className="flex flex-wrap items-end gap-2">
                  <div className="w-48 shrink-0">
                    <label htmlFor={`${base}-lang`} className="mb-1 block text-xs font-medium text-fg-muted">
                      Language
                    </label>
                    <Select
                      id={`${base}-lang`}
                      value={command.language}
                      onChange={(event) => update(index, { language: event.target.value as CommandLanguage })}
                      className="h-9"
                    >
                      {COMMAND_LANGUAGES.map((language) => (
                        <option key={language} value={language}>
                          {LANGUAGE_LABELS[language]}
                        </option>
                      ))}
                    </Select>
                  </div>
                  <div className="min-w-40 flex-1">
                    <label htmlFor={`${base}-label`} className="mb-1 block text-xs font-medium text-fg-muted">
                      Label <span className="font-normal">(optional)</span>
                    </label>
                    <Input
                      id={`${base}-label`}
                      value={command.label}
                      maxLength={120}
                      placeholder="e.g. Flush the DNS cache"
                      aria-invalid={Boolean(labelErrors?.length) || undefined}
                      aria-describedby={labelErrors?.length ? `${base}-label-error` : undefined}
                      onChange={(event) => update(index, { label: event.target.value })}
                      className="h-9"
                    />
                    <CommandError id={`${base}-label-error`} messages={labelErrors} />
                  </div>
                  <div className="flex items-center gap-1">
                    <ListItemControls
                      what={`command ${n}`}
                      index={index}
                      count={commands.length}
                      onMove={move}
                      onRemove={remove}
                      up={{ "data-command-focus": `${index}-up` }}
                      down={{ "data-command-focus": `${index}-down` }}
                    />
                  </div>
                </div>
                <div className="mt-2">
                  <div className="mb-1 flex items-center justify-between gap-2">
                    <label htmlFor={`${base}-code`} className="block text-xs font-medium text-fg-muted">
                      Command {n}
                    </label>
                    <CopyButton value={command.code} label="Copy" aria-label={`Copy command ${n}`} disabled={blank} className="h-7 px-2 text-xs" />
                  </div>
                  <Textarea
                    id={`${base}-code`}
                    data-command-focus={`${index}-code`}
                    value={command.code}
                    spellCheck={false}
                    autoCapitalize="off"
                    autoCorrect="off"
                    maxLength={20_000}
                    placeholder={command.language === "powershell" ? "Get-Service -Name Spooler | Restart-Service" : "ipconfig /flushdns"}
                    aria-invalid={Boolean(codeErrors?.length) || undefined}
                    aria-describedby={codeErrors?.length ? `${base}-code-error` : blank ? `${base}-blank` : undefined}
                    onChange={(event) => update(index, { code: event.target.value })}
                    className="max-h-80 min-h-16 font-mono text-[0.8125rem] leading-relaxed [field-sizing:content]"
                  />
                  {codeErrors?.length ? (
                    <CommandError id={`${base}-code-error`} messages={codeErrors} />
                  ) : (
                    blank && (
                      <p id={`${base}-blank`} className="mt-1 text-xs text-fg-muted">
                        This command is empty. Write it or remove it.
                      </p>
                    )
                  )}
                </div>
              </li>
            );
          })}
        </ol>
      )}
      <Button type="button" variant="secondary" size="sm" data-command-focus="add" onClick={add} disabled={commands.length >= max}>
        <Plus className="h-4 w-4" aria-hidden />
        Add command
      </Button>
      {commands.length >= max && <p className="text-xs text-fg-muted">At most {max} commands.</p>}
    </fieldset>
  );
}

function CommandError({ id, messages }: { id: string; messages?: string[] }) {
  if (!messages?.length) return null;
  return (
    <p id={id} role="alert" className="mt-1 text-xs font-medium text-red-600 dark:text-red-400">
      {messages[0]}
    </p>
  );
}

/** One command, read-only, with its label, language and a copy button. Render inside an <ol>. */
export function CommandView({ command, n }: { command: Command; n: number }) {
  return (
    <li className="overflow-hidden rounded-md border border-border">
      <div className="flex items-center justify-between gap-2 border-b border-border bg-muted px-3 py-1.5">
        <p className="min-w-0 truncate text-xs text-fg-muted">
          <span className="font-medium text-fg">{command.label || `Command ${n}`}</span> · {LANGUAGE_LABELS[command.language]}
        </p>
        <CopyButton value={command.code} aria-label={`Copy ${command.label ? `"${command.label}"` : `command ${n}`}`} className="h-7 px-2 text-xs" />
      </div>
      <pre className="overflow-x-auto bg-surface p-3 font-mono text-[0.8125rem] leading-relaxed">
        <code>{command.code}</code>
      </pre>
    </li>
  );
}

/** A read-only list of commands under a "Commands" heading; nothing when there are none. */
export function CommandsView({ commands }: { commands: Command[] }) {
  if (!commands.length) return null;
  return (
    <div className="space-y-2">
      <h4 className="text-sm font-medium">Commands</h4>
      <ol className="space-y-2">
        {commands.map((command, index) => (
          <CommandView key={index} command={command} n={index + 1} />
        ))}
      </ol>
    </div>
  );
}

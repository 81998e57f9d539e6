"use client";
// Flow text with its variables: filled `[VAR:key]` show their value, unfilled ones become a
// prominent inline input right where they are used (SPEC §5). Plain text, Markdown and commands.
import { Variable } from "@/components/ui/icons";
import { useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { createPortal } from "react-dom";
import { LANGUAGE_LABELS } from "@/components/flow-editor/procedure/labels";
import { CopyButton } from "@/components/ui/copy-button";
import { Markdown } from "@/components/ui/markdown";
import { cn } from "@/lib/cn";
import type { Command } from "@/lib/flows/structure";
import { resolveText, textPieces, unfilledKeys } from "@/lib/sessions/variables";
import { useRunner } from "./runner-context";

const REFERENCE = /\[VAR:([a-zA-Z][a-zA-Z0-9_]{0,39})\]/;
const REFERENCES = new RegExp(REFERENCE.source, "g");

/** One unfilled variable: an input (or, read-only, a marked placeholder). */
export function InlineVariable({ varKey }: { varKey: string }) {
  const { definitions, readOnly, saveVariable } = useRunner();
  const definition = definitions.get(varKey);
  const label = definition?.label ?? varKey;
  const id = useId();
  const [draft, setDraft] = useState("");
  const [error, setError] = useState<string | null>(null);

  if (readOnly) {
    return (
      <span
        className="mx-0.5 inline-flex items-center gap-1 rounded border border-dashed border-cyan-500 bg-cyan-50 px-1.5 font-sans text-xs font-medium text-cyan-900 dark:bg-cyan-950/40 dark:text-cyan-100"
        title={`[VAR:${varKey}] is not filled yet`}
      >
        <Variable className="h-3 w-3" aria-hidden />
        {label}: not filled
      </span>
    );
  }

  const commit = (value: string) => {
    if (value.trim() === "") {
      setError(null);
      return false;
    }
    const problem = saveVariable(varKey, value);
    setError(problem);
    return problem === null;
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Enter") {
      event.preventDefault();
      if (draft.trim() === "") return setError("Enter a value.");
      if (!commit(draft)) return;
      // The input goes once the value resolves: carry on to the next unfilled value, if any.
      setTimeout(() => document.querySelector<HTMLElement>(`[data-variable-input]:not([data-variable-input="${varKey}"])`)?.focus(), 60);
    } else if (event.key === "Escape") {
      setDraft("");
      setError(null);
      event.currentTarget.blur();
    }
  };
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const fieldType = definition?.fieldType ?? "text";
  const control =
    fieldType === "select" && definition ? (
      <select
        id={id}
        value={draft}
        data-variable-input={varKey}
        aria-required={definition.required || undefined}
        aria-describedby={error ? errorId : definition.helpText ? helpId : undefined}
        aria-invalid={error ? true : undefined}
        onChange={(event) => {
          setDraft(event.target.value);
          commit(event.target.value);
        }}
        className="h-7 max-w-full rounded border border-cyan-400 bg-surface px-1.5 font-sans text-sm text-fg focus:outline-none focus:ring-2 focus:ring-cyan-500/50"
      >
        <option value="">Choose…</option>
        {definition.options.map((option) => (
          <option key={option} value={option}>{option}</option>
        ))}
      </select>
    ) : (
      <input
        id={id}
        value={draft}
        data-variable-input={varKey}
        type={fieldType === "email" ? "email" : fieldType === "url" ? "url" : "text"}
        inputMode={fieldType === "number" ? "decimal" : undefined}
        aria-required={definition?.required || undefined}
        autoComplete="off"
        spellCheck={false}
        placeholder={fieldType === "ip" ? "10.0.0.15" : fieldType === "hostname" ? "srv-file01" : `Enter ${label.toLowerCase()}`}
        aria-describedby={error ? errorId : definition?.helpText ? helpId : undefined}
        aria-invalid={error ? true : undefined}
        onChange={(event) => {
          setDraft(event.target.value);
          if (error) setError(null);
        }}
        onBlur={(event) => {
          // Saving re-renders the text around the inputs: keep focus on the input tabbed to.
          const next = (event.relatedTarget as HTMLElement | null)?.getAttribute?.("data-variable-input");
          if (commit(draft) && next) setTimeout(() => document.querySelector<HTMLElement>(`[data-variable-input="${next}"]`)?.focus(), 60);
        }}
        onKeyDown={onKeyDown}
        className={cn(
          "h-7 w-44 max-w-full rounded border border-cyan-400 bg-surface px-2 text-sm text-fg placeholder:text-fg-muted/70 focus:outline-none focus:ring-2 focus:ring-cyan-500/50 aria-[invalid=true]:border-red-500",
          fieldType === "hostname" || fieldType === "ip" ? "font-mono" : "font-sans",
        )}
      />
    );
  return (
    <span
      className="group mx-0.5 my-0.5 inline-flex max-w-full flex-wrap items-center gap-x-1.5 gap-y-0.5 rounded-md border-2 border-cyan-500 bg-cyan-50 px-1.5 py-0.5 align-middle font-sans whitespace-normal shadow-[0_0_0_3px_rgba(6,182,212,0.18)] dark:bg-cyan-950/40"
      data-variable-prompt={varKey}
    >
      <label htmlFor={id} className="text-xs font-semibold text-cyan-900 dark:text-cyan-100">
        {label}
        {definition?.required && <span aria-hidden> *</span>}
      </label>
      {control}
      {definition?.helpText && !error && (
        <span id={helpId} className="hidden basis-full text-xs text-cyan-900/80 group-focus-within:block dark:text-cyan-100/80">
          {definition.helpText}
        </span>
      )}
      {error && (
        <span id={errorId} role="alert" className="basis-full text-xs font-medium text-red-700 dark:text-red-300">
          {error}
        </span>
      )}
    </span>
  );
}

/** A filled variable inside text: its value, marked so the engineer sees what was substituted. */
function FilledVariable({ varKey, value }: { varKey: string; value: string }) {
  return (
    <span className="rounded-sm underline decoration-cyan-500/70 decoration-dotted decoration-2 underline-offset-2" title={`[VAR:${varKey}]`}>
      {value}
    </span>
  );
}

/** Plain text (titles, labels, "escalate to") with inline inputs for unfilled variables. */
export function VarText({ text }: { text: string }) {
  const { values } = useRunner();
  return (
    <>
      {textPieces(text, values).map((piece, index) =>
        piece.kind === "text" ? (
          <span key={index}>{piece.text}</span>
        ) : piece.value === null ? (
          <InlineVariable key={index} varKey={piece.key} />
        ) : (
          <FilledVariable key={index} varKey={piece.key} value={piece.value} />
        ),
      )}
    </>
  );
}

/**
 * Markdown with variables resolved. Unfilled references stay as `[VAR:key]` text in the rendered
 * Markdown; after render each one is swapped for a slot that an inline input is portalled into.
 * The slotted DOM is never updated by React: any change of text remounts it (see the key).
 */
export function VarMarkdown({ text, className }: { text: string; className?: string }) {
  const { values } = useRunner();
  const resolved = resolveText(text, values);
  const markdown = useMemo(() => <Markdown className={className}>{resolved}</Markdown>, [resolved, className]);
  if (!REFERENCE.test(resolved)) return markdown;
  return <SlottedMarkdown key={resolved}>{markdown}</SlottedMarkdown>;
}

function SlottedMarkdown({ children }: { children: React.ReactNode }) {
  const root = useRef<HTMLDivElement>(null);
  const [slots, setSlots] = useState<{ element: HTMLElement; key: string }[]>([]);
  useLayoutEffect(() => {
    const container = root.current;
    if (!container) return;
    const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
    const hits: Text[] = [];
    while (walker.nextNode()) {
      const node = walker.currentNode as Text;
      if (REFERENCE.test(node.nodeValue ?? "")) hits.push(node);
    }
    for (const node of hits) {
      const value = node.nodeValue ?? "";
      const fragment = document.createDocumentFragment();
      let last = 0;
      for (const match of value.matchAll(REFERENCES)) {
        if (match.index > last) fragment.append(value.slice(last, match.index));
        const slot = document.createElement("span");
        slot.dataset.varSlot = match[1];
        fragment.append(slot);
        last = match.index + match[0].length;
      }
      if (last < value.length) fragment.append(value.slice(last));
      node.replaceWith(fragment);
    }
    // Idempotent (effects may run twice in development): slots made earlier are found again.
    setSlots([...container.querySelectorAll<HTMLElement>("[data-var-slot]")].map((element) => ({ element, key: element.dataset.varSlot! })));
  }, []);
  return (
    <>
      <div ref={root}>{children}</div>
      {slots.map((slot, index) => createPortal(<InlineVariable varKey={slot.key} />, slot.element, `slot-${index}`))}
    </>
  );
}

/** A command in a code block, with inline inputs and a copy button that copies the resolved text. */
export function CommandBlock({ command, index, testId }: { command: Command; index: number; testId?: string }) {
  const { values, readOnly } = useRunner();
  const resolved = resolveText(command.code, values);
  const missing = unfilledKeys([command.code], values);
  const name = command.label || LANGUAGE_LABELS[command.language];
  return (
    <figure className="overflow-hidden rounded-md border border-border bg-muted/60" data-testid={testId}>
      <figcaption className="flex items-center justify-between gap-2 border-b border-border px-3 py-1.5">
        <span className="min-w-0 truncate text-xs font-medium text-fg-muted">
          {name}
          {command.label && <span className="font-normal"> · {LANGUAGE_LABELS[command.language]}</span>}
        </span>
        <CopyButton value={resolved} label="Copy" aria-label={`Copy command ${index + 1}${command.label ? `: ${command.label}` : ""}`} className="h-7 shrink-0 px-2 text-xs" />
      </figcaption>
      <pre className="overflow-x-auto p-3 font-mono text-[0.8125rem] leading-relaxed whitespace-pre-wrap break-words">
        <code>
          {textPieces(command.code, values).map((piece, i) =>
            piece.kind === "text" ? (
              <span key={i}>{piece.text}</span>
            ) : piece.value === null ? (
              <InlineVariable key={i} varKey={piece.key} />
            ) : (
              <FilledVariable key={i} varKey={piece.key} value={piece.value} />
            ),
          )}
        </code>
      </pre>
      {missing.length > 0 && !readOnly && (
        <p className="border-t border-border px-3 py-1.5 text-xs text-amber-800 dark:text-amber-200">
          Fill in the highlighted {missing.length === 1 ? "value" : "values"} first: unfilled ones are copied as [VAR:…].
        </p>
      )}
    </figure>
  );
}

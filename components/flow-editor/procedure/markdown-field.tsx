"use client";
import { Label } from "radix-ui";
import { useState } from "react";
import { Textarea } from "@/components/ui/input";
import { Markdown } from "@/components/ui/markdown";
import { cn } from "@/lib/cn";

/** A markdown textarea with an Edit / Preview toggle; the preview is exactly what runners will see. */
export function MarkdownField({
  id,
  label,
  value,
  onChange,
  placeholder,
  maxLength,
  help,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  maxLength: number;
  help?: string;
}) {
  const [mode, setMode] = useState<"edit" | "preview">("edit");
  const helpId = `${id}-help`;
  return (
    <div className="space-y-1.5">
      <div className="flex items-end justify-between gap-2">
        {mode === "edit" ? (
          <Label.Root htmlFor={id} className="block text-sm font-medium text-fg">
            {label}
          </Label.Root>
        ) : (
          <span id={`${id}-label`} className="block text-sm font-medium text-fg">
            {label}
          </span>
        )}
        <div role="group" aria-label={`${label}: edit or preview`} className="inline-flex rounded-md border border-border bg-muted p-0.5 text-xs">
          {(["edit", "preview"] as const).map((m) => (
            <button
              key={m}
              type="button"
              aria-pressed={mode === m}
              onClick={() => setMode(m)}
              className={cn(
                "cursor-pointer rounded px-2.5 py-1 font-medium text-fg-muted transition-colors hover:text-fg",
                mode === m && "bg-surface text-fg shadow-sm",
              )}
            >
              {m === "edit" ? "Edit" : "Preview"}
            </button>
          ))}
        </div>
      </div>
      {mode === "edit" ? (
        <Textarea
          id={id}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          placeholder={placeholder}
          maxLength={maxLength}
          aria-describedby={helpId}
          className="max-h-[28rem] min-h-28 [field-sizing:content]"
        />
      ) : (
        <div
          role="region"
          aria-labelledby={`${id}-label`}
          className="min-h-28 rounded-md border border-dashed border-border bg-surface px-3 py-2"
        >
          {value.trim() ? <Markdown>{value}</Markdown> : <p className="text-sm text-fg-muted">Nothing to preview yet. Switch to Edit and write something.</p>}
        </div>
      )}
      <p id={helpId} className="text-xs text-fg-muted">
        {help ?? "Markdown: **bold**, `code`, lists, tables and links. HTML is shown as text."}
      </p>
    </div>
  );
}

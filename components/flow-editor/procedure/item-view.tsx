"use client";
import { CommandsView } from "@/components/flow-editor/commands-editor";
import { Badge } from "@/components/ui/badge";
import { Markdown } from "@/components/ui/markdown";
import type { ProcedureItem, Visibility } from "@/lib/flows/structure";
import { CONTENT_TYPE_META, effectiveLibraryVisibility, KIND_LABELS, LIBRARY_VISIBILITY_LABELS } from "./labels";

/** Read-only detail of one item, as kept in a saved version. */
export function ItemView({ item, number, sectionTitle, flowVisibility }: { item: ProcedureItem; number: number | undefined; sectionTitle: string | null; flowVisibility: Visibility }) {
  if (item.type === "section_header") {
    return (
      <div className="space-y-1">
        <p className="text-xs font-medium uppercase tracking-wide text-fg-muted">{KIND_LABELS.section_header}</p>
        <h3 className="text-base font-semibold">{item.title}</h3>
      </div>
    );
  }
  if (item.type === "procedure_end") {
    return (
      <div className="space-y-3">
        <div>
          <p className="text-xs font-medium uppercase tracking-wide text-fg-muted">{KIND_LABELS.procedure_end}</p>
          <h3 className="text-base font-semibold">{item.title || "Done"}</h3>
        </div>
        {item.text.trim() ? <Markdown>{item.text}</Markdown> : <p className="text-sm text-fg-muted">No closing text.</p>}
      </div>
    );
  }
  const meta = CONTENT_TYPE_META[item.contentType];
  const visibility = effectiveLibraryVisibility(item, flowVisibility);
  return (
    <div className="space-y-4">
      <div>
        <p className="text-xs font-medium uppercase tracking-wide text-fg-muted">
          Step {number}
          {sectionTitle && <span className="normal-case tracking-normal"> · {sectionTitle}</span>}
        </p>
        <h3 className="text-base font-semibold">{item.title}</h3>
        <div className="mt-1.5 flex flex-wrap items-center gap-2">
          <Badge tone={meta.tone}>{meta.label}</Badge>
          <span className="text-xs text-fg-muted">
            Library: {LIBRARY_VISIBILITY_LABELS[visibility]}
            {item.libraryVisibility === null && " (inherited from the flow)"}
          </span>
        </div>
      </div>
      {item.description.trim() ? <Markdown>{item.description}</Markdown> : <p className="text-sm text-fg-muted">No description.</p>}
      {item.expectedOutcome.trim() && (
        <div className="rounded-md border border-emerald-200 bg-emerald-50/60 px-3 py-2 dark:border-emerald-900 dark:bg-emerald-950/30">
          <p className="text-xs font-semibold text-emerald-800 dark:text-emerald-200">Expected outcome</p>
          <Markdown className="mt-0.5">{item.expectedOutcome}</Markdown>
        </div>
      )}
      <CommandsView commands={item.commands} />
    </div>
  );
}

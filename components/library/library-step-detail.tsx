"use client";
// The whole of one library step: instructions, help text and every command with its copy button.
// The card opened carries a preview only; the content loads here (GET /api/library/[id]).
import { useQuery } from "@tanstack/react-query";
import { BookmarkPlus, Lock, Pencil, Trash2 } from "@/components/ui/icons";
import { LANGUAGE_LABELS } from "@/components/flow-editor/procedure/labels";
import { VisibilityLabel } from "@/components/flows/flow-meta";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog } from "@/components/ui/dialog";
import { Markdown } from "@/components/ui/markdown";
import type { CommandLanguage } from "@/lib/flows/structure";
import type { LibraryContent } from "@/lib/library/extract";
import type { LibraryListItem } from "@/lib/library/queries";
import { Alert } from "@/components/ui/alert";
import { libraryStepQuery } from "./library-api";
import type { LibraryCardActions } from "./library-step-card";
import { FromFlowBadge, StepRating, StepTypeBadge, SYNCED_LABEL, usageText } from "./library-meta";

const languageLabel = (type: string) => LANGUAGE_LABELS[type as CommandLanguage] ?? type;

export function LibraryStepDetail({
  card,
  onOpenChange,
  onSave,
  onEdit,
  onDelete,
}: { card: LibraryListItem | null; onOpenChange(open: boolean): void } & Omit<LibraryCardActions, "onOpen">) {
  const whole = useQuery({ ...libraryStepQuery(card?.id ?? ""), enabled: card !== null });
  const content = card && whole.data?.id === card.id ? whole.data.content : null;
  const canEdit = Boolean(card?.editable && !card.synced);
  const canSave = Boolean(onSave) && !canEdit;
  return (
    <Dialog open={card !== null} onOpenChange={onOpenChange} title={card?.title ?? "Step"}>
      {card && (
        <div className="-mx-6 -mb-6 flex max-h-[calc(100vh-12rem)] flex-col">
          <div className="min-h-0 flex-1 space-y-4 overflow-y-auto px-6 pb-4" data-testid="library-step-detail">
            <div className="flex flex-wrap items-center gap-1.5">
              <StepTypeBadge type={card.type} />
              {card.groupLabel && <Badge>{card.groupLabel}</Badge>}
              <FromFlowBadge card={card} />
            </div>
            {card.synced && (
              <p className="flex items-start gap-2 rounded-md border border-border bg-muted px-3 py-2 text-xs text-fg-muted">
                <Lock className="mt-0.5 h-3.5 w-3.5 shrink-0" aria-hidden />
                <span>{SYNCED_LABEL}. Edit the flow and publish it to change this step, or save a copy to your library.</span>
              </p>
            )}

            {content ? (
              <StepContent content={content} />
            ) : whole.isError ? (
              <Alert tone="error">
                {(whole.error as Error).message}{" "}
                <button type="button" className="font-medium underline" onClick={() => whole.refetch()}>Retry</button>
              </Alert>
            ) : (
              <div className="space-y-2" aria-label="Loading the step" role="status" data-testid="library-step-loading">
                <div className="h-4 w-3/4 animate-pulse rounded bg-muted" />
                <div className="h-4 w-1/2 animate-pulse rounded bg-muted" />
                <div className="h-16 animate-pulse rounded bg-muted" />
              </div>
            )}

            <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-fg-muted">
              <StepRating card={card} />
              <span>{usageText(card.usageCount)}</span>
              <VisibilityLabel visibility={card.visibility} />
              {card.authorName && <span>by {card.mine ? "you" : card.authorName}</span>}
            </div>
            {card.tags.length > 0 && <div className="flex flex-wrap gap-1">{card.tags.map((t) => <Badge key={t}>#{t}</Badge>)}</div>}
          </div>

          {(canSave || (canEdit && (onEdit || onDelete))) && (
            <div className="flex flex-wrap justify-end gap-2 border-t border-border px-6 py-4">
              {canEdit && onDelete && (
                <Button variant="danger-ghost" size="sm" onClick={() => onDelete(card)} className="mr-auto">
                  <Trash2 className="h-4 w-4" aria-hidden />
                  Delete
                </Button>
              )}
              {canEdit && onEdit && (
                <Button variant="secondary" size="sm" onClick={() => onEdit(card)}>
                  <Pencil className="h-4 w-4" aria-hidden />
                  Edit
                </Button>
              )}
              {canSave && onSave && (
                <Button size="sm" onClick={() => onSave(card)}>
                  <BookmarkPlus className="h-4 w-4" aria-hidden />
                  Save to my library
                </Button>
              )}
            </div>
          )}
        </div>
      )}
    </Dialog>
  );
}

function StepContent({ content }: { content: LibraryContent }) {
  return (
    <>
      <section aria-labelledby="library-detail-instructions">
        <h3 id="library-detail-instructions" className="mb-1 text-xs font-semibold uppercase tracking-wide text-fg-muted">Instructions</h3>
        {content.instructions.trim() ? <Markdown>{content.instructions}</Markdown> : <p className="text-sm text-fg-muted">No instructions.</p>}
      </section>

      {content.helpText.trim() && (
        <section aria-labelledby="library-detail-help">
          <h3 id="library-detail-help" className="mb-1 text-xs font-semibold uppercase tracking-wide text-fg-muted">Help and expected outcome</h3>
          <Markdown className="text-fg-muted">{content.helpText}</Markdown>
        </section>
      )}

      {content.commands.length > 0 && (
        <section aria-labelledby="library-detail-commands">
          <h3 id="library-detail-commands" className="mb-1 text-xs font-semibold uppercase tracking-wide text-fg-muted">
            {content.commands.length === 1 ? "Command" : `Commands (${content.commands.length})`}
          </h3>
          <ol className="space-y-2">
            {content.commands.map((command, index) => (
              <li key={index} className="rounded-md border border-border">
                <div className="flex items-center justify-between gap-2 border-b border-border px-3 py-1.5">
                  <span className="min-w-0 truncate text-xs font-medium">
                    {command.label || `Command ${index + 1}`}
                    <span className="font-normal text-fg-muted"> · {languageLabel(command.commandType)}</span>
                  </span>
                  <CopyButton value={command.command} label="Copy" aria-label={`Copy ${command.label ? `"${command.label}"` : `command ${index + 1}`}`} className="h-7 px-2 text-xs" />
                </div>
                <pre className="max-h-64 overflow-auto bg-muted p-3 font-mono text-[0.8125rem] leading-relaxed whitespace-pre">{command.command}</pre>
              </li>
            ))}
          </ol>
        </section>
      )}
    </>
  );
}

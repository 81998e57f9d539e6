"use client";
// One library step in the grid. The title is the card's button (its hit area covers the
// card) and opens the detail dialog; the other controls sit above it.
import { BookmarkPlus, Pencil, Trash2 } from "@/components/ui/icons";
import { VisibilityLabel } from "@/components/flows/flow-meta";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import type { LibraryListItem } from "@/lib/library/queries";
import { FromFlowBadge, StepRating, StepTypeBadge, SyncedLock, plainPreview, usageText } from "./library-meta";

export type LibraryCardActions = {
  onOpen(card: LibraryListItem): void;
  onSave?(card: LibraryListItem): void;
  onEdit?(card: LibraryListItem): void;
  onDelete?(card: LibraryListItem): void;
};

export function LibraryStepCard({ card, onOpen, onSave, onEdit, onDelete }: { card: LibraryListItem } & LibraryCardActions) {
  // The list sends a preview (the start of the instructions, the first command, the count); the whole step loads on open.
  const first = card.preview.firstCommand;
  const more = card.preview.commandCount - 1;
  const preview = plainPreview(card.preview.excerpt);
  const canEdit = card.editable && !card.synced;
  // Your own manual steps are edited in place; copying them is for everyone else's.
  const canSave = Boolean(onSave) && !canEdit;
  return (
    <li>
      <Card className="lib-card" data-testid="library-card">
        <div className="lib-card-head">
          <div className="lib-card-badges">
            <StepTypeBadge type={card.type} />
            {card.groupLabel && <Badge className="max-w-full truncate" title={`Group: ${card.groupLabel}`}>{card.groupLabel}</Badge>}
          </div>
          {card.synced && <SyncedLock className="relative z-10 -my-0.5 shrink-0" />}
        </div>
        <h3 className="lib-card-title">
          <button
            type="button"
            onClick={() => onOpen(card)}
            className="card-hit"
          >
            {card.title}
          </button>
        </h3>
        {preview && preview !== card.title && <p className="lib-card-text">{preview}</p>}
        {card.synced && <FromFlowBadge card={card} className="relative z-10 mt-2 self-start" />}

        {first && (
          <div className="lib-card-command">
            <code className="lib-card-code" title={first.command}>
              {first.command.split("\n")[0]}
            </code>
            <CopyButton value={first.command} label="" variant="ghost" aria-label={`Copy command${first.label ? ` "${first.label}"` : ""}`} className="h-7 w-7 shrink-0 px-0" />
          </div>
        )}
        {more > 0 && <p className="mt-1 text-xs text-fg-muted">+{more} more {more === 1 ? "command" : "commands"}</p>}

        <div className="mt-auto pt-3">
          <div className="lib-card-meta">
            <StepRating card={card} />
            <span>{usageText(card.usageCount)}</span>
            <VisibilityLabel visibility={card.visibility} />
          </div>
          {(canSave || (canEdit && (onEdit || onDelete))) && (
            <div className="lib-card-actions">
              {canSave && onSave && (
                <Button variant="secondary" size="sm" onClick={() => onSave(card)}>
                  <BookmarkPlus className="h-4 w-4" aria-hidden />
                  Save to my library
                </Button>
              )}
              {canEdit && onEdit && (
                <Button variant="ghost" size="sm" onClick={() => onEdit(card)} aria-label={`Edit "${card.title}"`}>
                  <Pencil className="h-4 w-4" aria-hidden />
                  Edit
                </Button>
              )}
              {canEdit && onDelete && (
                <Button variant="danger-ghost" size="sm" onClick={() => onDelete(card)} aria-label={`Delete "${card.title}"`}>
                  <Trash2 className="h-4 w-4" aria-hidden />
                  Delete
                </Button>
              )}
            </div>
          )}
        </div>
      </Card>
    </li>
  );
}

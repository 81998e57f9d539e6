"use client";
import { Plus } from "@/components/ui/icons";
import { ListItemControls } from "@/components/flow-editor/list-item-controls";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import type { Answer, TreeNodeType } from "@/lib/flows/structure";
import { TargetSelect, type TargetOption } from "./target-select";
import { MAX_ANSWERS } from "./tree-ops";

const focusSoon = (id: string, select = false) =>
  requestAnimationFrame(() => {
    const el = document.getElementById(id);
    if (el instanceof HTMLInputElement && select) el.select();
    el?.focus();
  });

/** The answers of a question or action: label, order and where each one leads. */
export function AnswersEditor({
  idPrefix,
  nodeId,
  answers,
  options,
  onAdd,
  onRename,
  onMove,
  onRemove,
  onTarget,
  onCreate,
  onOpen,
}: {
  idPrefix: string;
  nodeId: string;
  answers: Answer[];
  options: TargetOption[];
  onAdd: () => void;
  onRename: (index: number, label: string) => void;
  onMove: (index: number, delta: -1 | 1) => void;
  onRemove: (index: number) => void;
  onTarget: (index: number, target: string | null) => void;
  onCreate: (index: number, type: TreeNodeType) => void;
  onOpen: (target: string) => void;
}) {
  const known = new Set(options.map((o) => o.id));
  const move = (index: number, delta: -1 | 1) => {
    onMove(index, delta);
    const to = index + delta;
    // Keep focus on the moved answer; at either end the other arrow is the one still enabled.
    const atEdge = to === 0 || to === answers.length - 1;
    focusSoon(`${idPrefix}-${to}-${atEdge ? (delta < 0 ? "down" : "up") : delta < 0 ? "up" : "down"}`);
  };
  const remove = (index: number) => {
    onRemove(index);
    if (answers.length > 1) focusSoon(`${idPrefix}-${Math.min(index, answers.length - 2)}-label`);
    else focusSoon(`${idPrefix}-add`);
  };
  return (
    <div className="space-y-2">
      <ol className="space-y-2">
        {answers.map((answer, index) => {
          const id = `${idPrefix}-${index}`;
          const dangling = answer.next !== null && !known.has(answer.next);
          const emptyLabel = answer.label.trim() === "";
          return (
            <li key={index} className={dangling ? "rounded-md border border-red-300 bg-red-50/60 p-2.5 dark:border-red-900 dark:bg-red-950/30" : "rounded-md border border-border p-2.5"}>
              <div className="flex items-center gap-1.5">
                <span className="w-5 shrink-0 text-right text-xs font-medium tabular-nums text-fg-muted" aria-hidden>{index + 1}.</span>
                <Input
                  id={`${id}-label`}
                  aria-label={`Answer ${index + 1} label`}
                  className="h-9 min-w-0 flex-1"
                  value={answer.label}
                  maxLength={120}
                  aria-invalid={emptyLabel}
                  onChange={(e) => onRename(index, e.target.value)}
                />
                <ListItemControls
                  what={`answer “${answer.label}”`}
                  index={index}
                  count={answers.length}
                  onMove={move}
                  onRemove={remove}
                  className="h-9 w-9 shrink-0"
                  up={{ id: `${id}-up` }}
                  down={{ id: `${id}-down` }}
                />
              </div>
              {emptyLabel && <p className="mt-1 pl-7 text-xs font-medium text-red-600 dark:text-red-400">An answer needs a label.</p>}
              <div className="mt-2 flex items-center gap-2 pl-7">
                <span className="shrink-0 text-xs text-fg-muted" aria-hidden>leads to</span>
                <div className="min-w-0 flex-1">
                  <TargetSelect
                    id={`${id}-target`}
                    label={`Answer “${answer.label}” leads to`}
                    value={answer.next}
                    selfId={nodeId}
                    options={options}
                    describedBy={dangling ? `${id}-dangling` : undefined}
                    onPick={(target) => onTarget(index, target)}
                    onCreate={(type) => onCreate(index, type)}
                    onOpen={onOpen}
                  />
                </div>
              </div>
              {dangling && (
                <p id={`${id}-dangling`} className="mt-1 pl-7 text-xs font-medium text-red-700 dark:text-red-300">
                  Points at a deleted node — choose a target.
                </p>
              )}
            </li>
          );
        })}
      </ol>
      <div>
        <Button
          id={`${idPrefix}-add`}
          type="button"
          variant="secondary"
          size="sm"
          disabled={answers.length >= MAX_ANSWERS}
          onClick={() => {
            onAdd();
            focusSoon(`${idPrefix}-${answers.length}-label`, true);
          }}
        >
          <Plus className="h-4 w-4" aria-hidden /> Add answer
        </Button>
        {answers.length >= MAX_ANSWERS && <span className="ml-2 text-xs text-fg-muted">At most {MAX_ANSWERS} answers.</span>}
      </div>
    </div>
  );
}

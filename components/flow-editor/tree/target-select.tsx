"use client";
import { ArrowRight } from "@/components/ui/icons";
import { memo } from "react";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/input";
import { cn } from "@/lib/cn";
import { TREE_NODE_TYPES, type TreeNodeType } from "@/lib/flows/structure";
import { NODE_TYPES } from "./node-type";

export type TargetOption = { id: string; title: string; type: TreeNodeType };

const NEW_PREFIX = "new:";

/**
 * Where an answer (or an action's next step) leads: nowhere yet, a new node of some type
 * (created and linked at once), or any existing node. A target that was deleted shows in red.
 */
export function TargetSelect({
  id,
  label,
  value,
  selfId,
  options,
  onPick,
  onCreate,
  onOpen,
  describedBy,
}: {
  id: string;
  label: string;
  value: string | null;
  selfId: string;
  options: TargetOption[];
  onPick: (target: string | null) => void;
  onCreate: (type: TreeNodeType) => void;
  onOpen: (target: string) => void;
  describedBy?: string;
}) {
  const target = value === null ? undefined : options.find((o) => o.id === value);
  const dangling = value !== null && !target;
  return (
    <div className="flex items-center gap-1.5">
      <Select
        id={id}
        aria-label={label}
        aria-invalid={dangling || value === null}
        aria-describedby={describedBy}
        className={cn("h-9 min-w-0 flex-1", dangling && "border-red-500 text-red-700 dark:text-red-300")}
        value={value ?? ""}
        onChange={(e) => {
          const picked = e.target.value;
          if (picked.startsWith(NEW_PREFIX)) onCreate(picked.slice(NEW_PREFIX.length) as TreeNodeType);
          else onPick(picked || null);
        }}
      >
        <option value="">— Not linked yet —</option>
        {dangling && (
          <option value={value} disabled>
            ⚠ Deleted node — choose a target
          </option>
        )}
        <optgroup label="Add child">
          {TREE_NODE_TYPES.map((type) => (
            <option key={type} value={`${NEW_PREFIX}${type}`}>
              + New {NODE_TYPES[type].label.toLowerCase()}
            </option>
          ))}
        </optgroup>
        <ExistingNodeOptions options={options} />
      </Select>
      {target && target.id !== selfId && (
        <Button
          type="button"
          variant="ghost"
          size="icon"
          className="h-9 w-9 shrink-0"
          aria-label={`Open “${target.title}”`}
          title={`Open “${target.title}”`}
          onClick={() => onOpen(target.id)}
        >
          <ArrowRight className="h-4 w-4" aria-hidden />
        </Button>
      )}
    </div>
  );
}

const sameOptions = (a: TargetOption[], b: TargetOption[]) =>
  a === b || (a.length === b.length && a.every((o, i) => o.id === b[i].id && o.title === b[i].title && o.type === b[i].type));

// Every answer's select lists every node; memoised by content so that typing elsewhere in a large
// flow does not rebuild thousands of <option>s on each keystroke.
const ExistingNodeOptions = memo(
  function ExistingNodeOptions({ options }: { options: TargetOption[] }) {
    if (options.length === 0) return null;
    return (
      <optgroup label="Existing nodes">
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.title.trim() || "(untitled)"} · {NODE_TYPES[o.type].label}
          </option>
        ))}
      </optgroup>
    );
  },
  (a, b) => sameOptions(a.options, b.options),
);

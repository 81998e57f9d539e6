import { CircleArrowUp, CircleCheck, CircleHelp, Wrench, type Icon } from "@/components/ui/icons";
import type { TreeNodeType } from "@/lib/flows/structure";
import { cn } from "@/lib/cn";

/** How each node type looks everywhere in the tree editor: question blue, action amber, solution green, escalation red. */
export const NODE_TYPES: Record<TreeNodeType, { label: string; hint: string; icon: Icon; iconClass: string; chipClass: string }> = {
  question: {
    label: "Question",
    hint: "Asks something; each answer leads on",
    icon: CircleHelp,
    iconClass: "text-blue-600 dark:text-blue-400",
    chipClass: "bg-blue-50 text-blue-800 ring-blue-200 dark:bg-blue-950/50 dark:text-blue-200 dark:ring-blue-900",
  },
  action: {
    label: "Action",
    hint: "Something to do, then an answer or a next step",
    icon: Wrench,
    iconClass: "text-amber-600 dark:text-amber-400",
    chipClass: "bg-amber-50 text-amber-900 ring-amber-200 dark:bg-amber-950/50 dark:text-amber-200 dark:ring-amber-900",
  },
  solution: {
    label: "Solution",
    hint: "Ends the flow: the fix",
    icon: CircleCheck,
    iconClass: "text-emerald-600 dark:text-emerald-400",
    chipClass: "bg-emerald-50 text-emerald-800 ring-emerald-200 dark:bg-emerald-950/50 dark:text-emerald-200 dark:ring-emerald-900",
  },
  escalation: {
    label: "Escalation",
    hint: "Ends the flow: hand over to someone else",
    icon: CircleArrowUp,
    iconClass: "text-red-600 dark:text-red-400",
    chipClass: "bg-red-50 text-red-800 ring-red-200 dark:bg-red-950/50 dark:text-red-200 dark:ring-red-900",
  },
};

export function NodeTypeIcon({ type, className }: { type: TreeNodeType; className?: string }) {
  const { icon: Glyph, iconClass, label } = NODE_TYPES[type];
  return <Glyph className={cn("h-4 w-4 shrink-0", iconClass, className)} aria-label={label} role="img" />;
}

export function NodeTypeChip({ type, className }: { type: TreeNodeType; className?: string }) {
  const { icon: Glyph, chipClass, label } = NODE_TYPES[type];
  return (
    <span className={cn("inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset", chipClass, className)}>
      <Glyph className="h-3.5 w-3.5" aria-hidden />
      {label}
    </span>
  );
}

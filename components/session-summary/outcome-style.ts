// Colour and icon per session outcome: green when fixed, amber when partly, violet when
// handed on, red when not fixed, grey while there is no outcome yet.
import { CircleArrowUp, CircleCheck, CircleDashed, CircleX, TriangleAlert, type Icon } from "@/components/ui/icons";

export type OutcomeTone = "green" | "amber" | "violet" | "red" | "neutral";

const TONE_OF: Record<string, OutcomeTone> = {
  resolved: "green",
  completed: "green",
  partially_resolved: "amber",
  completed_with_issues: "amber",
  escalated: "violet",
  unresolved: "red",
  aborted: "red",
};

export const outcomeTone = (outcome: string | null): OutcomeTone => (outcome ? (TONE_OF[outcome] ?? "neutral") : "neutral");

export const OUTCOME_STYLES: Record<OutcomeTone, { icon: Icon; card: string; icon_: string; label: string }> = {
  green: {
    icon: CircleCheck,
    card: "border-emerald-300 bg-emerald-50/70 dark:border-emerald-900 dark:bg-emerald-950/30",
    icon_: "text-emerald-600 dark:text-emerald-400",
    label: "text-emerald-800 dark:text-emerald-200",
  },
  amber: {
    icon: TriangleAlert,
    card: "border-amber-300 bg-amber-50/70 dark:border-amber-900 dark:bg-amber-950/30",
    icon_: "text-amber-600 dark:text-amber-400",
    label: "text-amber-900 dark:text-amber-200",
  },
  violet: {
    icon: CircleArrowUp,
    card: "border-violet-300 bg-violet-50/70 dark:border-violet-900 dark:bg-violet-950/30",
    icon_: "text-violet-600 dark:text-violet-400",
    label: "text-violet-800 dark:text-violet-200",
  },
  red: {
    icon: CircleX,
    card: "border-red-300 bg-red-50/70 dark:border-red-900 dark:bg-red-950/30",
    icon_: "text-red-600 dark:text-red-400",
    label: "text-red-800 dark:text-red-200",
  },
  neutral: {
    icon: CircleDashed,
    card: "border-border bg-surface",
    icon_: "text-fg-muted",
    label: "text-fg",
  },
};

// Chart colours: mid-tone hues that read on the light and the dark surface alike; axes, grid and
// tooltips take the app's own CSS variables, so they follow the theme.
export const SERIES = {
  sessions: "#2f7cf6",
  resolved: "#10b981",
  escalated: "#ef4444",
  partial: "#f59e0b",
  other: "#8b5cf6",
} as const;

export const OUTCOME_COLORS: Record<string, string> = {
  resolved: SERIES.resolved,
  completed: SERIES.resolved,
  partially_resolved: SERIES.partial,
  completed_with_issues: SERIES.partial,
  escalated: SERIES.escalated,
  unresolved: "#9aa4b2",
  aborted: "#9aa4b2",
};

export const AXIS = { stroke: "var(--border)", tick: { fill: "var(--text-muted)", fontSize: 12 } } as const;
export const GRID = { stroke: "var(--border)", strokeDasharray: "3 3" } as const;
export const TOOLTIP = {
  contentStyle: { background: "var(--surface)", border: "1px solid var(--border)", borderRadius: 6, color: "var(--text)", fontSize: 13 },
  labelStyle: { color: "var(--text)", fontWeight: 600 },
  itemStyle: { color: "var(--text)" },
  cursor: { fill: "var(--muted)" },
} as const;

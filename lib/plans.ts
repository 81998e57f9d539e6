// Plan limits (SPEC §2). Enforced inside the transaction that creates the row.
export const PLAN_LIMITS = {
  free: { flows: 10 },
  pro: { flows: Number.POSITIVE_INFINITY },
} as const;

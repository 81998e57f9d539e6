// Headline numbers as a definition list of tiles.
export function StatTiles({ stats }: { stats: { label: string; value: string; hint?: string; testId?: string }[] }) {
  return (
    <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
      {stats.map((s) => (
        <div key={s.label} className="rounded-lg border border-border bg-surface px-4 py-3 shadow-sm">
          <dt className="text-xs font-medium tracking-wide text-fg-muted uppercase">{s.label}</dt>
          <dd className="mt-1 text-2xl font-semibold tabular-nums" data-testid={s.testId}>{s.value}</dd>
          {s.hint && <dd className="text-xs text-fg-muted">{s.hint}</dd>}
        </div>
      ))}
    </dl>
  );
}

export default function Loading() {
  // role="status": a named, polite region (aria-label on a role-less div is ignored by screen readers).
  return (
    <div className="space-y-4" role="status" aria-busy="true" aria-label="Loading">
      <span className="sr-only">Loading…</span>
      <div className="h-8 w-64 animate-pulse rounded bg-muted" />
      <div className="h-32 animate-pulse rounded-lg bg-muted" />
      <div className="h-32 animate-pulse rounded-lg bg-muted" />
    </div>
  );
}

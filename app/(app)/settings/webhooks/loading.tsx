export default function Loading() {
  return (
    <div className="space-y-3" role="status" aria-busy="true" aria-label="Loading webhooks">
      <span className="sr-only">Loading…</span>
      <div className="h-16 animate-pulse rounded-lg bg-muted" />
      <div className="h-40 animate-pulse rounded-lg bg-muted" />
    </div>
  );
}

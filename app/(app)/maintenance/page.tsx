import type { Metadata } from "next";
import Link from "next/link";
import { StateDots } from "@/components/maintenance/batch-progress";
import { TargetListDialog } from "@/components/maintenance/target-list-dialog";
import { TargetListTable } from "@/components/maintenance/target-list-table";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { requirePageUser } from "@/lib/auth/current-user";
import { hasRole } from "@/lib/auth/roles";
import { cn } from "@/lib/cn";
import { MANAGE_ROLE } from "@/lib/maintenance/access";
import { listTargetLists, maintenanceOverview } from "@/lib/maintenance/queries";
import { cronInWords } from "@/lib/maintenance/schedule";

export const metadata: Metadata = { title: "Maintenance" };

const TABS = [{ key: "flows", label: "Flows and schedules" }, { key: "lists", label: "Target lists" }] as const;

const pageOf = (value: string | undefined) => {
  const page = Number(value);
  return Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1;
};

/** Previous / next links of a paged tab (keeps the tab). */
function Pager({ tab, page, hasMore }: { tab: "flows" | "lists"; page: number; hasMore: boolean }) {
  if (page === 1 && !hasMore) return null;
  const href = (p: number) => `/maintenance?${new URLSearchParams({ ...(tab === "lists" ? { tab } : {}), ...(p > 1 ? { page: String(p) } : {}) })}`;
  const link = "rounded-md border border-border px-3 py-1.5 text-sm font-medium hover:bg-muted";
  return (
    <nav aria-label="Pages" className="flex items-center justify-end gap-2 text-sm">
      <span className="text-fg-muted">Page {page}</span>
      {page > 1 && <Link href={href(page - 1)} className={link}>Previous</Link>}
      {hasMore && <Link href={href(page + 1)} className={link}>Next</Link>}
    </nav>
  );
}

export default async function MaintenancePage({ searchParams }: { searchParams: Promise<{ tab?: string; page?: string }> }) {
  const user = await requirePageUser();
  const search = await searchParams;
  const tab = search.tab === "lists" ? "lists" : "flows";
  const page = pageOf(search.page);
  const canManage = hasRole(user.role, MANAGE_ROLE);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Maintenance</h1>
          <p className="mt-1 text-fg-muted">Run maintenance flows on many servers at once, by hand or on a schedule.</p>
        </div>
        {tab === "lists" && canManage && <TargetListDialog />}
      </div>
      <nav aria-label="Maintenance sections" className="flex gap-1 border-b border-border">
        {TABS.map((t) => (
          <Link
            key={t.key}
            href={t.key === "flows" ? "/maintenance" : "/maintenance?tab=lists"}
            aria-current={tab === t.key ? "page" : undefined}
            className={cn("-mb-px border-b-2 px-3 py-2 text-sm font-medium", tab === t.key ? "border-brand-600 text-fg" : "border-transparent text-fg-muted hover:text-fg")}
          >
            {t.label}
          </Link>
        ))}
      </nav>
      {tab === "flows" ? <FlowsTab user={user} page={page} /> : <ListsTab user={user} canManage={canManage} page={page} />}
    </div>
  );
}

async function FlowsTab({ user, page }: { user: Awaited<ReturnType<typeof requirePageUser>>; page: number }) {
  const { rows, hasMore } = await maintenanceOverview(user, page);
  if (!rows.length && page > 1) return <Card className="p-6 text-center text-sm text-fg-muted">No more maintenance flows. <Link href="/maintenance" className="underline">Back to the first page</Link></Card>;
  if (!rows.length) return <Card className="p-6 text-center text-sm text-fg-muted">No maintenance flows yet. Create one under Flows with the type “Maintenance”.</Card>;
  return (
    <div className="space-y-3">
      <ul className="space-y-3" data-testid="maintenance-flows">
        {rows.map((flow) => (
          <li key={flow.id}>
            <Card className="grid gap-3 p-4 md:grid-cols-[1fr_1fr_1fr]">
              <div className="min-w-0">
                <Link href={`/flows/${flow.id}`} className="font-medium hover:underline">{flow.name}</Link>
                {(flow.status !== "published" || !flow.isActive) && <Badge tone="amber" className="ml-2">Not runnable</Badge>}
              </div>
              <div className="text-sm">
                {flow.schedules.length === 0 && <span className="text-fg-muted">No schedule</span>}
                {flow.schedules.map((s) => (
                  <p key={s.id} className={s.active ? "" : "text-fg-muted"}>
                    {cronInWords(s.cron) ?? s.cron} <span className="text-xs text-fg-muted">({s.timezone}{s.active ? "" : ", paused"})</span>
                    {s.nextRunAt && <span className="block text-xs text-fg-muted">Next: <LocalTime value={s.nextRunAt} timeZone={s.timezone} format="datetime-zone" withWeekday /></span>}
                  </p>
                ))}
              </div>
              <div className="text-sm">
                {flow.activeBatch && (
                  <p>
                    <Link href={`/maintenance/batches/${flow.activeBatch.id}`} className="font-medium text-brand-700 hover:underline dark:text-brand-300">Running: {flow.activeBatch.score.finished}/{flow.activeBatch.score.total}</Link>
                    <span className="mt-1 block"><StateDots score={flow.activeBatch.score} /></span>
                  </p>
                )}
                {flow.lastBatch && (
                  <p className="mt-1 text-xs text-fg-muted">
                    Last: <Link href={`/maintenance/batches/${flow.lastBatch.id}`} className="underline"><LocalTime value={flow.lastBatch.createdAt} /></Link> · {flow.lastBatch.score.completed}/{flow.lastBatch.score.total} completed
                  </p>
                )}
                {!flow.activeBatch && !flow.lastBatch && <span className="text-fg-muted">Not run yet</span>}
              </div>
            </Card>
          </li>
        ))}
      </ul>
      <Pager tab="flows" page={page} hasMore={hasMore} />
    </div>
  );
}

async function ListsTab({ user, canManage, page }: { user: Awaited<ReturnType<typeof requirePageUser>>; canManage: boolean; page: number }) {
  const { rows, hasMore } = await listTargetLists(user, page);
  return (
    <div className="space-y-3">
      <Card>
        <CardHeader title="Target lists" description="Account- or team-visible lists of servers. Paste one per line or import CSV." />
        <TargetListTable canManage={canManage} lists={rows} />
      </Card>
      <Pager tab="lists" page={page} hasMore={hasMore} />
    </div>
  );
}

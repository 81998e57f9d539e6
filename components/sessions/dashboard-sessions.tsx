import { ClipboardList, PlayCircle } from "@/components/ui/icons";
import Link from "next/link";
import { FlowTypeBadge } from "@/components/flows/flow-meta";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import type { dashboardSessions } from "@/lib/sessions/queries";
import { StartAssistantButton } from "@/components/assistant/start-assistant";
import { QuickStart } from "./quick-start";

type Data = Awaited<ReturnType<typeof dashboardSessions>>;

/** Dashboard: start a flow, prepared sessions waiting for me, my sessions in progress. */
export function DashboardSessions({ data, userId, assistant = false }: { data: Data; userId: string; /** Offer "Start with the assistant" (engineers and up). */ assistant?: boolean }) {
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Card className="lg:row-span-2">
        <CardHeader
          title="Start a flow"
          description="Search your team's flows and the built-in ones, then start: no form to fill first."
          action={assistant ? <StartAssistantButton size="sm" data-testid="dashboard-start-assistant" /> : undefined}
        />
        <div className="p-5"><QuickStart assistant={assistant} /></div>
      </Card>
      <Card>
        <CardHeader title="Prepared for you" description="Sessions set up ahead of time, with their details filled in." />
        {data.prepared.length === 0 ? (
          <p className="p-5 text-sm text-fg-muted">Nothing waiting. Sessions a colleague prepares for you (or for your team) appear here.</p>
        ) : (
          <ul className="divide-y divide-border" data-testid="prepared-for-you">
            {data.prepared.map((s) => (
              <li key={s.id} className="flex items-center gap-3 px-5 py-3">
                <ClipboardList className="h-5 w-5 shrink-0 text-brand-600 dark:text-brand-400" aria-hidden />
                <div className="min-w-0 flex-1">
                  <p className="truncate font-medium">{s.flowName}</p>
                  <p className="text-xs text-fg-muted">
                    {s.preparedBy ? `From ${s.preparedBy.name}` : "Prepared"} · {s.assigneeId === userId ? "for you" : "for your team"} · <LocalTime value={s.createdAt} format="relative" />
                  </p>
                </div>
                <FlowTypeBadge type={s.flowType} />
                <Button asChild size="sm"><Link href={`/sessions/${s.id}`}>Open</Link></Button>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card>
        <CardHeader title="In progress" description="Your sessions that are not finished yet." />
        {data.active.length === 0 ? (
          <p className="p-5 text-sm text-fg-muted">No open sessions. Start a flow to begin one.</p>
        ) : (
          <ul className="divide-y divide-border" data-testid="in-progress">
            {data.active.map((s) => (
              <li key={s.id} className="flex items-center gap-3 px-5 py-3">
                <PlayCircle className="h-5 w-5 shrink-0 text-amber-600" aria-hidden />
                <div className="min-w-0 flex-1">
                  <p className="truncate font-medium">{s.flowName}</p>
                  <p className="text-xs text-fg-muted">last change <LocalTime value={s.updatedAt} format="relative" /></p>
                </div>
                <Button asChild size="sm" variant="secondary"><Link href={`/sessions/${s.id}`}>Resume</Link></Button>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}

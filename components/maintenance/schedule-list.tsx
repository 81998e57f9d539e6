"use client";
// A flow's schedules: in words, next run in the schedule's zone, last run linked to its batch,
// why it is paused or skipped; pause/resume, edit, delete.
import { Pause } from "@/components/ui/icons";
import { Play, Trash2 } from "@/components/ui/icons";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { useToast } from "@/components/ui/toast";
import { useAction } from "@/components/ui/use-action";
import type { ScheduleView } from "@/lib/maintenance/queries";
import { deleteSchedule, setScheduleActive } from "@/lib/maintenance/schedules.actions";
import { cronInWords } from "@/lib/maintenance/schedule";
import { ScheduleDialog } from "./schedule-dialog";

export function ScheduleList({ flowId, schedules, members, canManage }: {
  flowId: string;
  schedules: ScheduleView[];
  members: { id: string; name: string }[];
  canManage: boolean;
}) {
  const router = useRouter();
  const toast = useToast();
  const toggle = useAction(setScheduleActive);
  const remove = useAction(deleteSchedule);
  return (
    <div>
      {schedules.length === 0 ? (
        <p className="p-4 text-sm text-fg-muted">No schedules.</p>
      ) : (
        <ul className="divide-y divide-border text-sm" data-testid="schedules">
          {schedules.map((s) => (
            <li key={s.id} className="space-y-1 px-4 py-3">
              <div className="flex flex-wrap items-center gap-2">
                <span className="font-medium">{cronInWords(s.cron) ?? s.cron}</span>
                <Badge>{s.timezone}</Badge>
                {!s.active && <Badge tone="amber">Paused</Badge>}
              </div>
              <p className="text-xs text-fg-muted">
                <code>{s.cron}</code> · {s.targetList ? s.targetList.name : "no target list"}{s.assignee ? ` · for ${s.assignee.name}` : ""}
              </p>
              <p className="text-xs text-fg-muted">
                {s.nextRunAt ? <>Next: <LocalTime value={s.nextRunAt} timeZone={s.timezone} format="datetime-zone" withWeekday /></> : "Not scheduled"}
                {s.lastRunAt && <> · Last: {s.lastBatchId ? <Link href={`/maintenance/batches/${s.lastBatchId}`} className="underline"><LocalTime value={s.lastRunAt} format="relative" /></Link> : <LocalTime value={s.lastRunAt} format="relative" />}</>}
              </p>
              {s.lastError && <p className="text-xs text-amber-700 dark:text-amber-300" role="status">{s.lastError}</p>}
              {canManage && (
                <div className="flex flex-wrap gap-1 pt-1">
                  <Button
                    variant="ghost"
                    size="sm"
                    pending={toggle.pending}
                    onClick={async () => {
                      const result = await toggle.run({ scheduleId: s.id, active: !s.active });
                      if (result?.ok) router.refresh();
                      else if (result) toast({ title: "Could not change the schedule", description: result.error, tone: "error" });
                    }}
                  >
                    {s.active ? <><Pause className="h-4 w-4" aria-hidden />Pause</> : <><Play className="h-4 w-4" aria-hidden />Resume</>}
                  </Button>
                  <ScheduleDialog flowId={flowId} members={members} existing={{ id: s.id, cron: s.cron, timezone: s.timezone, targetListId: s.targetList?.id ?? "", targetListName: s.targetList?.name ?? null, assigneeId: s.assignee?.id ?? null, active: s.active }} />
                  <Button
                    variant="danger-ghost"
                    size="sm"
                    pending={remove.pending}
                    onClick={async () => {
                      if (!window.confirm("Delete this schedule? Batches it already created stay.")) return;
                      const result = await remove.run({ scheduleId: s.id });
                      if (result?.ok) router.refresh();
                    }}
                  >
                    <Trash2 className="h-4 w-4" aria-hidden />Delete
                  </Button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {canManage && <div className="border-t border-border p-3"><ScheduleDialog flowId={flowId} members={members} /></div>}
    </div>
  );
}

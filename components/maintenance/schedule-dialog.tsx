"use client";
// Create or edit a schedule: cron expression + IANA zone (default: the viewer's), target list,
// assignee, active. Shows the expression in words and the next 5 runs in both zones.
import { CalendarClock } from "@/components/ui/icons";
import { Pencil } from "@/components/ui/icons";
import { useRouter } from "next/navigation";
import { useCallback, useMemo, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { AssigneeField } from "@/components/sessions/assignee-field";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { useAction } from "@/components/ui/use-action";
import { cronInWords, nextRuns, parseSchedule } from "@/lib/maintenance/schedule";
import { createSchedule, updateSchedule } from "@/lib/maintenance/schedules.actions";
import { formatDateTime, runtimeTimeZone } from "@/lib/time/format";
import { TargetListPicker } from "./target-list-picker";

export type ScheduleFormValues = { id?: string; cron: string; timezone: string; targetListId: string; assigneeId: string | null; active: boolean };

export function SchedulePreview({ cron, timezone }: { cron: string; timezone: string }) {
  const viewerZone = runtimeTimeZone();
  const preview = useMemo(() => {
    const parsed = parseSchedule(cron, timezone);
    if (!parsed.ok) return { problem: parsed.problem.message };
    return { words: cronInWords(cron), runs: nextRuns(cron, timezone, new Date(), 5) };
  }, [cron, timezone]);
  if ("problem" in preview) return <p className="text-sm text-red-600 dark:text-red-400" data-testid="schedule-problem">{preview.problem}</p>;
  return (
    <div className="rounded-md border border-border bg-muted/40 p-3 text-sm" data-testid="schedule-preview">
      <p className="font-medium" data-testid="schedule-words">{preview.words} <span className="font-normal text-fg-muted">({timezone})</span></p>
      <table className="mt-2 w-full text-left text-xs">
        <caption className="sr-only">Next 5 runs</caption>
        <thead className="text-fg-muted"><tr><th className="py-1 font-medium">In {timezone}</th>{viewerZone !== timezone && <th className="py-1 font-medium">Your time ({viewerZone})</th>}</tr></thead>
        <tbody data-testid="schedule-next-runs">
          {preview.runs.map((run) => (
            <tr key={run.toISOString()}>
              <td className="py-0.5 tabular-nums">{formatDateTime(run, { timeZone: timezone, withZone: true, withWeekday: true })}</td>
              {viewerZone !== timezone && <td className="py-0.5 tabular-nums">{formatDateTime(run, { timeZone: viewerZone, withZone: true, withWeekday: true })}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ScheduleDialog({ flowId, existing, members }: {
  flowId: string;
  existing?: ScheduleFormValues & { id: string; targetListName?: string | null };
  members: { id: string; name: string }[];
}) {
  const router = useRouter();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [cron, setCron] = useState(existing?.cron ?? "0 3 * * 1");
  const [timezone, setTimezone] = useState(existing?.timezone ?? "");
  const [targetListId, setTargetListId] = useState(existing?.targetListId ?? "");
  const [assigneeId, setAssigneeId] = useState(existing?.assigneeId ?? "");
  const [active, setActive] = useState(existing?.active ?? true);
  const create = useAction(createSchedule);
  const update = useAction(updateSchedule);
  const action = existing ? update : create;
  // The viewer's zone is only known in the browser: fill it when the dialog opens.
  const zone = timezone || runtimeTimeZone();
  const onList = useCallback((list: { id: string } | null) => setTargetListId(list?.id ?? ""), []);

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next && !timezone) setTimezone(runtimeTimeZone());
      }}
      title={existing ? "Edit schedule" : "New schedule"}
      description="Runs this flow on a target list at the times of a cron expression, in the zone you choose."
      trigger={existing ? <Button variant="ghost" size="sm"><Pencil className="h-4 w-4" aria-hidden />Edit</Button> : <Button variant="secondary"><CalendarClock className="h-4 w-4" aria-hidden />Add schedule</Button>}
    >
      <form
        className="max-h-[75vh] space-y-4 overflow-y-auto pr-1"
        onSubmit={async (event) => {
          event.preventDefault();
          const input = { cron, timezone: zone, targetListId, assigneeId: assigneeId || null, active };
          const result = existing ? await update.run({ scheduleId: existing.id, ...input }) : await create.run({ flowId, ...input });
          if (result?.ok) {
            setOpen(false);
            toast({ title: existing ? "Schedule saved" : "Schedule created", tone: "success" });
            router.refresh();
          }
        }}
      >
        {action.formError && <Alert tone="error">{action.formError}</Alert>}
        <Field id="schedule-cron" label="Cron expression" help="Five fields: minute hour day-of-month month day-of-week. Example: 0 3 * * 1 = Mondays at 03:00." errors={action.fieldErrors.cron}>
          <Input id="schedule-cron" value={cron} onChange={(e) => setCron(e.target.value)} className="font-mono" maxLength={120} required />
        </Field>
        <Field id="schedule-zone" label="Time zone" help="An IANA zone name, e.g. Europe/Berlin or America/New_York." errors={action.fieldErrors.timezone}>
          <Input id="schedule-zone" value={zone} onChange={(e) => setTimezone(e.target.value)} list="schedule-zones" maxLength={64} required />
        </Field>
        <datalist id="schedule-zones">
          {["UTC", "Europe/London", "Europe/Berlin", "Europe/Paris", "America/New_York", "America/Chicago", "America/Los_Angeles", "Asia/Tokyo", "Australia/Sydney"].map((z) => <option key={z} value={z} />)}
        </datalist>
        <SchedulePreview cron={cron} timezone={zone} />
        {open && (
          <TargetListPicker
            id="schedule-list"
            value={targetListId}
            selected={existing?.targetListId && existing.targetListName ? { id: existing.targetListId, name: existing.targetListName } : null}
            onChange={onList}
            errors={action.fieldErrors.targetListId}
            required
          />
        )}
        <AssigneeField id="schedule-assignee" value={assigneeId} onChange={setAssigneeId} members={members} errors={action.fieldErrors.assigneeId} />
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} />
          Active
        </label>
        <div className="flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={() => setOpen(false)}>Cancel</Button>
          <Button type="submit" pending={action.pending} disabled={!targetListId}>{existing ? "Save schedule" : "Create schedule"}</Button>
        </div>
      </form>
    </Dialog>
  );
}

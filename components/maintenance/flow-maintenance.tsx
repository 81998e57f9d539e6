// The maintenance part of a maintenance flow's page: run on targets, the active batch, the
// schedules and the run history. The page loads its data (flowMaintenanceData).
import { Alert } from "@/components/ui/alert";
import { Card, CardHeader } from "@/components/ui/card";
import type { FlowMaintenanceData } from "@/lib/maintenance/queries";
import { ActiveBatchBanner, BatchHistory } from "./batch-history";
import { RunOnTargetsDialog } from "./run-on-targets-dialog";
import { ScheduleList } from "./schedule-list";

export function FlowMaintenance({ data, flowId, runnable, members }: { data: FlowMaintenanceData; flowId: string; runnable: boolean; members: { id: string; name: string }[] }) {
  const { schedules, batches, canManage } = data;
  const active = batches.find((b) => !b.score.done);
  return (
    <section aria-labelledby="maintenance-heading" className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="maintenance-heading" className="text-lg font-semibold">Maintenance</h2>
        {runnable && canManage && <RunOnTargetsDialog flowId={flowId} members={members} lastRunCount={batches[0]?.score.total ?? null} />}
      </div>
      {active && <ActiveBatchBanner batch={active} />}
      {!runnable && schedules.length > 0 && (
        <Alert tone="warning">This flow is not published and active, so its schedules are paused. Publish it again, then resume them.</Alert>
      )}
      <div className="grid gap-4 lg:grid-cols-2">
        <Card>
          <CardHeader title="Schedules" />
          <ScheduleList flowId={flowId} schedules={schedules} members={members} canManage={canManage && runnable} />
        </Card>
        <Card>
          <CardHeader title="Run history" />
          <BatchHistory batches={batches} />
        </Card>
      </div>
    </section>
  );
}

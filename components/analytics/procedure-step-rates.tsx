// A procedure's steps in order with how often each was skipped or failed (of the times it was
// marked), and where sessions were aborted or abandoned.
import { Badge } from "@/components/ui/badge";
import type { NodeDropOff, StepRate } from "@/lib/analytics/flow-analytics";
import type { ProcedureStructure } from "@/lib/flows/structure";
import { cn } from "@/lib/cn";
import { count, percent } from "./format";

export function ProcedureStepRates({ procedure, steps, nodes }: { procedure: ProcedureStructure; steps: StepRate[]; nodes: NodeDropOff[] }) {
  const rates = new Map(steps.map((s) => [s.stepId, s]));
  const stops = new Map(nodes.map((n) => [n.nodeId, n]));
  let number = 0;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="step-rates">
        <caption className="sr-only">Skip and fail rates per step</caption>
        <thead>
          <tr className="border-b border-border text-left text-fg-muted">
            <th scope="col" className="px-4 py-2 font-medium">Step</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">Marked</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">Skipped</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">Failed</th>
            <th scope="col" className="px-4 py-2 font-medium">Stopped here</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-border">
          {procedure.steps.map((item) => {
            if (item.type === "section_header") {
              return <tr key={item.id}><th scope="rowgroup" colSpan={5} className="bg-muted/60 px-4 py-1.5 text-left text-xs font-semibold tracking-wide text-fg-muted uppercase">{item.title}</th></tr>;
            }
            if (item.type === "procedure_end") return null;
            const r = rates.get(item.id);
            const stop = stops.get(item.id);
            const skipRate = r && r.marked ? r.skipped / r.marked : 0;
            const failRate = r && r.marked ? r.failed / r.marked : 0;
            return (
              <tr key={item.id}>
                <th scope="row" className="px-4 py-1.5 text-left font-normal"><span className="mr-2 text-fg-muted tabular-nums">{++number}.</span>{item.title}</th>
                <td className="px-3 py-1.5 text-right tabular-nums">{count(r?.marked ?? 0)}</td>
                <td className={cn("px-3 py-1.5 text-right tabular-nums", skipRate >= 0.25 && "font-semibold text-amber-700 dark:text-amber-300")}>{r ? `${percent(r.skipped, r.marked)} (${count(r.skipped)})` : "—"}</td>
                <td className={cn("px-3 py-1.5 text-right tabular-nums", failRate >= 0.1 && "font-semibold text-red-700 dark:text-red-300")}>{r ? `${percent(r.failed, r.marked)} (${count(r.failed)})` : "—"}</td>
                <td className="px-4 py-1.5">
                  <span className="flex flex-wrap gap-1">
                    {stop && stop.aborted > 0 && <Badge tone="red">{count(stop.aborted)} aborted</Badge>}
                    {stop && stop.abandoned > 0 && <Badge tone="amber">{count(stop.abandoned)} abandoned</Badge>}
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

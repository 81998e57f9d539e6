"use client";
// "Run on targets" from a maintenance flow: targets typed/pasted, a saved list, or the same as
// last run; optional assignee; launch → one batch, one session per target, then the hub.
import { Server } from "@/components/ui/icons";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { AssigneeField } from "@/components/sessions/assignee-field";
import { useAction } from "@/components/ui/use-action";
import { launchBatch } from "@/lib/maintenance/batches.actions";
import type { TargetListOption } from "@/lib/maintenance/queries";
import type { ParsedTargets } from "@/lib/maintenance/targets";
import { TargetListPicker } from "./target-list-picker";
import { TargetsInput } from "./targets-input";

type Source = "targets" | "list" | "last";

export function RunOnTargetsDialog({ flowId, members, lastRunCount }: {
  flowId: string;
  members: { id: string; name: string }[];
  lastRunCount: number | null;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [source, setSource] = useState<Source>("targets");
  const [parsed, setParsed] = useState<ParsedTargets | null>(null);
  const [list, setList] = useState<TargetListOption | null>(null);
  const listId = list?.id ?? "";
  const [assigneeId, setAssigneeId] = useState("");
  const { run, pending, formError, fieldErrors } = useAction(launchBatch);

  const count = source === "targets" ? (parsed?.targets.length ?? 0) : source === "list" ? (list?.count ?? 0) : (lastRunCount ?? 0);
  const blocked = count === 0 || (source === "targets" && Boolean(parsed?.problems.length));
  const sources: { value: Source; label: string; disabled?: boolean }[] = [
    { value: "targets", label: "Type or paste" },
    { value: "list", label: "Saved list" },
    { value: "last", label: "Same as last run", disabled: lastRunCount === null },
  ];

  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      title="Run on targets"
      description="One session per target, created together. Each session's variables are filled from the target's columns."
      trigger={<Button><Server className="h-4 w-4" aria-hidden />Run on targets</Button>}
    >
      <form
        className="max-h-[75vh] space-y-4 overflow-y-auto pr-1"
        onSubmit={async (event) => {
          event.preventDefault();
          if (blocked) return;
          const chosen = source === "targets" ? { kind: "targets" as const, targets: parsed!.targets } : source === "list" ? { kind: "list" as const, listId } : { kind: "last" as const };
          const result = await run({ flowId, source: chosen, assigneeId: assigneeId || null });
          if (result?.ok) router.push(`/maintenance/batches/${result.data.id}`);
        }}
      >
        {formError && <Alert tone="error">{formError}</Alert>}
        <fieldset>
          <legend className="text-sm font-medium">Targets from</legend>
          <div className="mt-1.5 flex flex-wrap gap-2" role="radiogroup">
            {sources.map((s) => (
              <label key={s.value} className={`flex cursor-pointer items-center gap-2 rounded-md border px-3 py-1.5 text-sm ${source === s.value ? "border-brand-500 bg-brand-50 dark:bg-brand-700/20" : "border-border"} ${s.disabled ? "cursor-not-allowed opacity-50" : ""}`}>
                <input type="radio" name="source" value={s.value} checked={source === s.value} disabled={s.disabled} onChange={() => setSource(s.value)} />
                {s.label}
              </label>
            ))}
          </div>
        </fieldset>
        {source === "targets" && <TargetsInput onChange={setParsed} />}
        {source === "list" && <TargetListPicker id="run-list" value={listId} onChange={setList} />}
        {source === "last" && <p className="text-sm text-fg-muted">The {lastRunCount} targets of this flow&apos;s last run.</p>}
        <AssigneeField id="run-assignee" value={assigneeId} onChange={setAssigneeId} members={members} help="Optional. Unassigned sessions can be picked up by anyone in your team." errors={fieldErrors.assigneeId} />
        <div className="flex items-center justify-end gap-2">
          <span className="mr-auto text-sm text-fg-muted" data-testid="run-count">{count} {count === 1 ? "session" : "sessions"} will be created</span>
          <Button type="button" variant="secondary" onClick={() => setOpen(false)}>Cancel</Button>
          <Button type="submit" pending={pending} disabled={blocked} data-testid="launch-batch">Launch {count || ""}</Button>
        </div>
      </form>
    </Dialog>
  );
}

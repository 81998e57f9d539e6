"use client";
// "Prepare session": fill a flow's variables ahead of time and optionally assign an engineer.
import { ClipboardList } from "@/components/ui/icons";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { AssigneeField } from "@/components/sessions/assignee-field";
import { useToast } from "@/components/ui/toast";
import { useAction } from "@/components/ui/use-action";
import type { VariableDefinition } from "@/lib/flows/variables";
import { prepareSession } from "@/lib/sessions/sessions.actions";
import { VariableInput } from "./variable-input";

export function PrepareSessionDialog({ flowId, variables, members }: { flowId: string; variables: VariableDefinition[]; members: { id: string; name: string }[] }) {
  const router = useRouter();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(variables.map((v) => [v.key, v.default])));
  const [assigneeId, setAssigneeId] = useState("");
  const { run, pending, error, fieldErrors } = useAction(prepareSession);
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      title="Prepare a session"
      description="Fill in what you already know and hand it to an engineer. They find it under “Prepared for you” and start with everything filled."
      trigger={<Button variant="secondary"><ClipboardList className="h-4 w-4" aria-hidden />Prepare session</Button>}
    >
      <form
        className="max-h-[70vh] space-y-4 overflow-y-auto pr-1"
        onSubmit={async (event) => {
          event.preventDefault();
          const filled = Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== ""));
          const result = await run({ flowId, variables: filled, assigneeId: assigneeId || null });
          if (result?.ok) {
            setOpen(false);
            toast({ title: "Session prepared", description: assigneeId ? `Assigned to ${members.find((m) => m.id === assigneeId)?.name}.` : "Visible to your team.", tone: "success" });
            router.push(`/sessions/${result.data.id}`);
          }
        }}
      >
        {error && <Alert tone="error">{error}</Alert>}
        {variables.length === 0 && <p className="text-sm text-fg-muted">This flow has no variables; you can still prepare and assign it.</p>}
        {variables.map((v) => (
          <Field key={v.key} id={`prep-${v.key}`} label={`${v.label}${v.required ? " *" : ""}`} help={v.helpText || undefined} errors={fieldErrors[v.key]}>
            <VariableInput id={`prep-${v.key}`} definition={v} value={values[v.key] ?? ""} onChange={(value) => setValues((current) => ({ ...current, [v.key]: value }))} invalid={Boolean(fieldErrors[v.key])} />
          </Field>
        ))}
        <AssigneeField id="prep-assignee" value={assigneeId} onChange={setAssigneeId} members={members} help="Leave unassigned to let anyone in your team pick it up." />
        <div className="flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={() => setOpen(false)}>Cancel</Button>
          <Button type="submit" pending={pending}>Prepare session</Button>
        </div>
      </form>
    </Dialog>
  );
}

"use client";
// Create or edit a target list: name, who sees it, and its targets (pasted or from CSV).
import { Pencil, Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { useAction } from "@/components/ui/use-action";
import { targetsToText, type ParsedTargets, type TargetInput } from "@/lib/maintenance/targets";
import { createTargetList, updateTargetList } from "@/lib/maintenance/targets.actions";
import { TargetsInput } from "./targets-input";

type Existing = { id: string; name: string; description: string; visibility: "team" | "account"; targets: TargetInput[] };

export function TargetListDialog({ existing }: { existing?: Existing }) {
  const router = useRouter();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(existing?.name ?? "");
  const [description, setDescription] = useState(existing?.description ?? "");
  const [visibility, setVisibility] = useState<"team" | "account">(existing?.visibility ?? "team");
  // Saved CSV values survive an edit only when the targets are not retyped.
  const [parsed, setParsed] = useState<ParsedTargets | null>(null);
  const create = useAction(createTargetList);
  const update = useAction(updateTargetList);
  const action = existing ? update : create;
  const targets = parsed?.targets ?? existing?.targets ?? [];
  const blocked = Boolean(parsed?.problems.length) || targets.length === 0;

  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      title={existing ? `Edit ${existing.name}` : "New target list"}
      description="The servers (or anything else) a maintenance flow runs against."
      trigger={existing ? <Button variant="ghost" size="sm"><Pencil className="h-4 w-4" aria-hidden />Edit</Button> : <Button><Plus className="h-4 w-4" aria-hidden />New target list</Button>}
    >
      <form
        className="max-h-[75vh] space-y-4 overflow-y-auto pr-1"
        onSubmit={async (event) => {
          event.preventDefault();
          if (blocked) return;
          const input = { name, description, visibility, targets };
          const result = existing ? await update.run({ listId: existing.id, ...input }) : await create.run(input);
          if (result?.ok) {
            setOpen(false);
            toast({ title: existing ? "Target list saved" : "Target list created", description: `${targets.length} targets.`, tone: "success" });
            router.refresh();
          }
        }}
      >
        {action.formError && <Alert tone="error">{action.formError}</Alert>}
        <Field id="list-name" label="Name" errors={action.fieldErrors.name}>
          <Input id="list-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={120} required />
        </Field>
        <Field id="list-description" label="Description" errors={action.fieldErrors.description}>
          <Input id="list-description" value={description} onChange={(e) => setDescription(e.target.value)} maxLength={1000} />
        </Field>
        <Field id="list-visibility" label="Who can use it">
          <Select id="list-visibility" value={visibility} onChange={(e) => setVisibility(e.target.value as "team" | "account")}>
            <option value="team">My team</option>
            <option value="account">Everyone in the account</option>
          </Select>
        </Field>
        <TargetsInput initialText={existing ? targetsToText(existing.targets) : ""} onChange={setParsed} />
        {action.fieldErrors.targets && <Alert tone="error">{action.fieldErrors.targets[0]}</Alert>}
        <div className="flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={() => setOpen(false)}>Cancel</Button>
          <Button type="submit" pending={action.pending} disabled={blocked}>{existing ? "Save list" : "Create list"}</Button>
        </div>
      </form>
    </Dialog>
  );
}

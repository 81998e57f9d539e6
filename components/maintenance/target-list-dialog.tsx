"use client";
// Create or edit a target list: name, who sees it, and its targets (pasted or from CSV). The
// Target lists tab sends only what its rows show: editing loads the list with its targets when
// the dialog opens (GET /api/maintenance/target-lists/[id]).
import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Plus } from "@/components/ui/icons";
import { Input, Select } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { useAction } from "@/components/ui/use-action";
import { targetsToText, type ParsedTargets, type TargetInput } from "@/lib/maintenance/targets";
import { createTargetList, updateTargetList } from "@/lib/maintenance/targets.actions";
import { TargetsInput } from "./targets-input";

type Loaded = { id: string; name: string; description: string; visibility: "team" | "account"; targets: TargetInput[] };

async function fetchList(id: string): Promise<Loaded> {
  const response = await fetch(`/api/maintenance/target-lists/${encodeURIComponent(id)}`, { cache: "no-store" });
  if (!response.ok) throw new Error(response.status === 404 ? "This target list no longer exists." : "Could not load the target list.");
  return response.json();
}

/**
 * `existing` names the list to edit (its targets load when the dialog opens); without it, a new
 * list behind its own "New target list" button. With `open`/`onOpenChange` the caller opens it
 * (the Target lists tab keeps one editor for all its rows) and no trigger is drawn.
 */
export function TargetListDialog({ existing, open: openProp, onOpenChange }: {
  existing?: { id: string; name: string } | null;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
}) {
  const [openState, setOpenState] = useState(false);
  const controlled = openProp !== undefined;
  const open = controlled ? openProp : openState;
  const setOpen = controlled ? (onOpenChange ?? (() => {})) : setOpenState;
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      title={existing ? `Edit ${existing.name}` : "New target list"}
      description="The servers (or anything else) a maintenance flow runs against."
      trigger={controlled ? undefined : <Button><Plus className="h-4 w-4" aria-hidden />New target list</Button>}
    >
      {open && (existing ? <LoadedForm key={existing.id} id={existing.id} onDone={() => setOpen(false)} /> : <TargetListForm onDone={() => setOpen(false)} />)}
    </Dialog>
  );
}

function LoadedForm({ id, onDone }: { id: string; onDone: () => void }) {
  // Each opening reads the list afresh (gcTime 0): the editor never starts from a stale copy.
  const query = useQuery({ queryKey: ["target-list", id], queryFn: () => fetchList(id), gcTime: 0, retry: false });
  if (query.isPending) return <p className="py-6 text-center text-sm text-fg-muted" role="status" data-testid="target-list-loading">Loading the targets…</p>;
  if (query.isError) return <Alert tone="error">{query.error.message}</Alert>;
  return <TargetListForm existing={query.data} onDone={onDone} />;
}

function TargetListForm({ existing, onDone }: { existing?: Loaded; onDone: () => void }) {
  const router = useRouter();
  const toast = useToast();
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
    <form
      className="max-h-[75vh] space-y-4 overflow-y-auto pr-1"
      onSubmit={async (event) => {
        event.preventDefault();
        if (blocked) return;
        const input = { name, description, visibility, targets };
        const result = existing ? await update.run({ listId: existing.id, ...input }) : await create.run(input);
        if (result?.ok) {
          onDone();
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
        <Button type="button" variant="secondary" onClick={onDone}>Cancel</Button>
        <Button type="submit" pending={action.pending} disabled={blocked}>{existing ? "Save list" : "Create list"}</Button>
      </div>
    </form>
  );
}

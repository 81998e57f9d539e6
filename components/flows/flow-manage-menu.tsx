"use client";
// Unpublish, (de)activate and delete, for people who may edit the flow.
import { DropdownMenu } from "radix-ui";
import { MoreHorizontal } from "@/components/ui/icons";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { useAction } from "@/components/ui/use-action";
import { deleteFlow, setFlowActive, unpublishFlow } from "@/lib/flows/flows.actions";

const item = "flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-sm outline-none data-[highlighted]:bg-muted";

export function FlowManageMenu({ flow }: { flow: { id: string; name: string; status: "draft" | "published"; isActive: boolean; version: number } }) {
  const router = useRouter();
  const toast = useToast();
  const unpublish = useAction(unpublishFlow);
  const activate = useAction(setFlowActive);
  const remove = useAction(deleteFlow);
  const [deleting, setDeleting] = useState(false);
  const [confirmName, setConfirmName] = useState("");

  const report = (result: { ok: boolean; error?: string } | null, title: string) => {
    if (!result) return;
    if (result.ok) {
      toast({ title, tone: "success" });
      router.refresh();
    } else toast({ title: "Not changed", description: result.error, tone: "error" });
  };

  return (
    <>
      <DropdownMenu.Root>
        <DropdownMenu.Trigger asChild>
          <Button variant="secondary" size="icon" aria-label="More actions"><MoreHorizontal className="h-4 w-4" /></Button>
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content align="end" sideOffset={6} className="z-50 min-w-48 rounded-md border border-border bg-surface p-1 shadow-lg">
            {flow.status === "published" && (
              <DropdownMenu.Item className={item} onSelect={async () => report(await unpublish.run({ flowId: flow.id }), "Unpublished: back to draft")}>Unpublish</DropdownMenu.Item>
            )}
            <DropdownMenu.Item className={item} onSelect={async () => report(await activate.run({ flowId: flow.id, active: !flow.isActive }), flow.isActive ? "Deactivated" : "Activated")}>
              {flow.isActive ? "Deactivate" : "Activate"}
            </DropdownMenu.Item>
            <DropdownMenu.Separator className="my-1 h-px bg-border" />
            <DropdownMenu.Item className={`${item} text-red-600`} onSelect={() => setDeleting(true)}>Delete…</DropdownMenu.Item>
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>
      <Dialog
        open={deleting}
        onOpenChange={setDeleting}
        title={`Delete "${flow.name}"?`}
        description={flow.version > 0 ? "This flow has been published. Finished sessions keep their copy, but the flow and its versions are gone for good." : "This draft has never been published. It is deleted for good."}
      >
        <form
          className="space-y-4"
          onSubmit={async (event) => {
            event.preventDefault();
            const result = await remove.run({ flowId: flow.id, confirmName });
            if (result?.ok) {
              toast({ title: "Flow deleted", tone: "success" });
              router.push("/flows");
            }
          }}
        >
          {flow.version > 0 && (
            <Field id="confirm-name" label={`Type "${flow.name}" to confirm`} errors={remove.fieldErrors.confirmName}>
              <Input id="confirm-name" value={confirmName} onChange={(e) => setConfirmName(e.target.value)} autoComplete="off" />
            </Field>
          )}
          {remove.error && !remove.fieldErrors.confirmName && <Alert tone="error">{remove.error}</Alert>}
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={() => setDeleting(false)}>Cancel</Button>
            <Button type="submit" variant="danger" pending={remove.pending} disabled={flow.version > 0 && confirmName !== flow.name}>Delete flow</Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}

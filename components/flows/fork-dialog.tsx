"use client";
import { GitFork } from "@/components/ui/icons";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { useAction } from "@/components/ui/use-action";
import { forkFlow } from "@/lib/flows/flows.actions";

export function ForkDialog({ flowId, flowName }: { flowId: string; flowName: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const { run, pending, error, fieldErrors } = useAction(forkFlow);
  const [navigating, setNavigating] = useState(false);
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      title="Fork this flow"
      description="Make your own editable copy in your account. It starts as a draft and links back to the original."
      trigger={<Button variant="secondary"><GitFork className="h-4 w-4" aria-hidden />Fork</Button>}
    >
      <form
        className="space-y-4"
        onSubmit={async (event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          const result = await run({ flowId, name: String(form.get("name") ?? ""), reason: String(form.get("reason") ?? "") });
          if (result?.ok) {
            setNavigating(true);
            router.push(`/flows/${result.data.id}/edit`);
          }
        }}
      >
        {error && !Object.keys(fieldErrors).length && <Alert tone="error">{error}</Alert>}
        <Field id="fork-name" label="Name of your copy" errors={fieldErrors.name}>
          <Input id="fork-name" name="name" defaultValue={`${flowName} (our version)`} maxLength={200} autoFocus />
        </Field>
        <Field id="fork-reason" label="Why fork it?" help="Optional, e.g. “We use Intune, not GPO”." errors={fieldErrors.reason}>
          <Textarea id="fork-reason" name="reason" maxLength={500} rows={3} />
        </Field>
        <div className="flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={() => setOpen(false)}>Cancel</Button>
          <Button type="submit" pending={pending || navigating}>Fork and edit</Button>
        </div>
      </form>
    </Dialog>
  );
}

"use client";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { useAction } from "@/components/ui/use-action";
import { renameAccount } from "@/lib/account/members.actions";

export function AccountNameForm({ name }: { name: string }) {
  const toast = useToast();
  const { run, pending, formError, fieldErrors } = useAction(renameAccount);
  const error = fieldErrors.name?.[0] ?? formError;
  return (
    <form
      className="flex items-end gap-2"
      onSubmit={async (event) => {
        event.preventDefault();
        const result = await run({ name: String(new FormData(event.currentTarget).get("name") ?? "") });
        if (result?.ok) toast({ title: "Account renamed", tone: "success" });
      }}
    >
      <div className="flex-1">
        <Field id="account-name" label="Account name" errors={error ? [error] : undefined}>
          <Input id="account-name" name="name" defaultValue={name} maxLength={120} aria-invalid={Boolean(error)} />
        </Field>
      </div>
      <Button type="submit" variant="secondary" pending={pending}>Save</Button>
    </form>
  );
}

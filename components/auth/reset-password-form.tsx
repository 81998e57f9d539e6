"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useAction } from "@/components/ui/use-action";
import { resetPassword } from "@/lib/auth/auth.actions";

export function ResetPasswordForm({ token }: { token: string }) {
  const router = useRouter();
  const { run, pending, formError, fieldErrors } = useAction(resetPassword);

  // A malformed link fails validation on the hidden token field: say so at the top.
  const linkError = fieldErrors.token?.[0] ?? null;
  const topError = formError ?? linkError;

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const result = await run({ token, password: String(form.get("password") ?? ""), confirm: String(form.get("confirm") ?? "") });
    if (result?.ok) router.push("/login?notice=reset");
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <div>
        <h1 className="text-xl font-semibold">Choose a new password</h1>
        <p className="mt-1 text-sm text-fg-muted">Other devices signed in to your account will be signed out.</p>
      </div>
      {topError && (
        <Alert tone="error">
          {topError}{" "}
          {(linkError || !Object.keys(fieldErrors).length) && <Link href="/forgot-password" className="font-medium underline">Request a new link</Link>}
        </Alert>
      )}
      <Field id="password" label="New password" help="At least 10 characters." errors={fieldErrors.password}>
        <Input id="password" name="password" type="password" autoComplete="new-password" autoFocus aria-invalid={Boolean(fieldErrors.password)} />
      </Field>
      <Field id="confirm" label="Repeat the new password" errors={fieldErrors.confirm}>
        <Input id="confirm" name="confirm" type="password" autoComplete="new-password" aria-invalid={Boolean(fieldErrors.confirm)} />
      </Field>
      <Button type="submit" className="w-full" pending={pending}>Set new password</Button>
    </form>
  );
}

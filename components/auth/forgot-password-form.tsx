"use client";
import Link from "next/link";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useAction } from "@/components/ui/use-action";
import { requestPasswordReset } from "@/lib/auth/auth.actions";

export function ForgotPasswordForm({ outbox }: { outbox: boolean }) {
  const { run, pending, formError, fieldErrors } = useAction(requestPasswordReset);
  const [sentTo, setSentTo] = useState<string | null>(null);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get("email") ?? "");
    const result = await run({ email });
    if (result?.ok) setSentTo(email.trim());
  }

  if (sentTo) {
    return (
      <div className="space-y-4">
        <h1 className="text-xl font-semibold">Check your email</h1>
        <Alert tone="success">
          If an account exists for <strong>{sentTo}</strong>, we sent a link to reset its password. It expires in 60 minutes.
        </Alert>
        {outbox && (
          <p className="text-sm text-fg-muted">
            No mail server is set up: emails appear in the{" "}
            <Link href="/dev/outbox" className="text-brand-600 underline dark:text-brand-400">dev outbox</Link>.
          </p>
        )}
        <Link href="/login" className="text-sm text-brand-600 hover:underline dark:text-brand-400">Back to sign in</Link>
      </div>
    );
  }
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <div>
        <h1 className="text-xl font-semibold">Reset your password</h1>
        <p className="mt-1 text-sm text-fg-muted">We will email you a link to choose a new one.</p>
      </div>
      {formError && <Alert tone="error">{formError}</Alert>}
      <Field id="email" label="Email" errors={fieldErrors.email}>
        <Input id="email" name="email" type="email" autoComplete="email" autoFocus aria-invalid={Boolean(fieldErrors.email)} />
      </Field>
      <Button type="submit" className="w-full" pending={pending}>Send reset link</Button>
      <Link href="/login" className="block text-center text-sm text-brand-600 hover:underline dark:text-brand-400">Back to sign in</Link>
    </form>
  );
}

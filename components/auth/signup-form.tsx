"use client";
import Link from "next/link";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useAction } from "@/components/ui/use-action";
import { signUp } from "@/lib/auth/auth.actions";

// After sign-up the answer is the same whether or not the email already had an account (the
// server mails its owner instead), so the form never says which: it asks to check the inbox.
const WELCOME_LOGIN = `/login?callbackUrl=${encodeURIComponent("/dashboard?welcome=1")}`;

function CheckYourEmail({ email }: { email: string }) {
  return (
    <div className="space-y-4">
      <h1 ref={(node) => node?.focus()} tabIndex={-1} className="text-xl font-semibold outline-none">
        Check your email
      </h1>
      <Alert tone="success">
        We sent a message to <strong className="wrap-anywhere">{email}</strong> with a link to confirm your address.
      </Alert>
      <p className="text-sm text-fg-muted">
        Open the link, or sign in now with the email and password you chose. If the email already had an account, the
        message tells you how to get back into it.
      </p>
      <Button asChild className="w-full">
        <Link href={`${WELCOME_LOGIN}&email=${encodeURIComponent(email)}`}>Sign in</Link>
      </Button>
    </div>
  );
}

export function SignUpForm({ inviteCode: initialCode = "" }: { inviteCode?: string }) {
  const [joining, setJoining] = useState(Boolean(initialCode));
  const { run, pending, formError, fieldErrors } = useAction(signUp);
  const [sentTo, setSentTo] = useState<string | null>(null);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = {
      name: String(form.get("name") ?? ""),
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      companyName: joining ? "" : String(form.get("companyName") ?? ""),
      inviteCode: joining ? String(form.get("inviteCode") ?? "") : "",
    };
    const result = await run(input);
    if (result?.ok) setSentTo(result.data.email);
  }

  if (sentTo) return <CheckYourEmail email={sentTo} />;

  const errorsFor = (key: string) => fieldErrors[key];
  // Without a code the server asks for a company name or a code; on this tab only the code fits.
  const inviteCodeErrors = errorsFor("inviteCode") ?? (joining && errorsFor("companyName") ? ["Enter the invite code a colleague gave you."] : undefined);
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <div>
        <h1 className="text-xl font-semibold">{joining ? "Join your team" : "Create your account"}</h1>
        <p className="mt-1 text-sm text-fg-muted">
          {joining ? "Use the invite code a colleague gave you." : "Start a workspace for your company. You will be its owner."}
        </p>
      </div>
      <div className="grid grid-cols-2 gap-1 rounded-md bg-muted p-1 text-sm" role="tablist" aria-label="Sign-up type">
        {[
          { value: false, label: "New company" },
          { value: true, label: "I have an invite code" },
        ].map((option) => (
          <button
            key={option.label}
            type="button"
            role="tab"
            aria-selected={joining === option.value}
            onClick={() => setJoining(option.value)}
            className={`rounded px-2 py-1.5 font-medium ${joining === option.value ? "bg-surface shadow-sm" : "text-fg-muted"}`}
          >
            {option.label}
          </button>
        ))}
      </div>
      {formError && <Alert tone="error">{formError}</Alert>}
      <Field id="name" label="Your name" errors={errorsFor("name")}>
        <Input id="name" name="name" autoComplete="name" maxLength={120} aria-invalid={Boolean(errorsFor("name"))} />
      </Field>
      <Field id="email" label="Work email" errors={errorsFor("email")}>
        <Input id="email" name="email" type="email" autoComplete="email" maxLength={254} aria-invalid={Boolean(errorsFor("email"))} />
      </Field>
      <Field id="password" label="Password" help="At least 10 characters." errors={errorsFor("password")}>
        <Input id="password" name="password" type="password" autoComplete="new-password" aria-invalid={Boolean(errorsFor("password"))} />
      </Field>
      {joining ? (
        <Field id="inviteCode" label="Invite code" help="Looks like ABCD-EFGH-JKMN-PQRS." errors={inviteCodeErrors}>
          <Input id="inviteCode" name="inviteCode" defaultValue={initialCode} autoComplete="off" spellCheck={false} className="font-mono uppercase" aria-invalid={Boolean(inviteCodeErrors)} />
        </Field>
      ) : (
        <Field id="companyName" label="Company name" errors={errorsFor("companyName")}>
          <Input id="companyName" name="companyName" autoComplete="organization" maxLength={120} aria-invalid={Boolean(errorsFor("companyName"))} />
        </Field>
      )}
      <Button type="submit" className="w-full" pending={pending}>
        {joining ? "Join account" : "Create account"}
      </Button>
      <p className="text-center text-sm text-fg-muted">
        Already have an account?{" "}
        <Link href="/login" className="text-brand-600 underline underline-offset-2 hover:text-brand-700 dark:text-brand-400 dark:hover:text-brand-100">
          Sign in
        </Link>
      </p>
    </form>
  );
}

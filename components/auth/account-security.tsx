"use client";
// Settings → Security: change password (signs out other devices) and sign out everywhere.
import { signOut } from "next-auth/react";
import { useRef } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { useAction } from "@/components/ui/use-action";
import { changePassword, signOutEverywhere } from "@/lib/auth/account-security.actions";

function ChangePasswordForm() {
  const toast = useToast();
  const form = useRef<HTMLFormElement>(null);
  const { run, pending, formError, fieldErrors } = useAction(changePassword);
  return (
    <form
      ref={form}
      noValidate
      className="max-w-md space-y-4"
      aria-labelledby="change-password-heading"
      onSubmit={async (event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        const result = await run({
          currentPassword: String(data.get("currentPassword") ?? ""),
          password: String(data.get("password") ?? ""),
          confirm: String(data.get("confirm") ?? ""),
        });
        if (!result?.ok) return;
        form.current?.reset();
        const others = result.data.otherSessionsEnded;
        toast({
          title: "Password changed",
          description: others ? `Signed out on ${others} other ${others === 1 ? "device" : "devices"}.` : "No other device was signed in.",
          tone: "success",
        });
      }}
    >
      <h3 id="change-password-heading" className="text-sm font-semibold">Change password</h3>
      {formError && <Alert tone="error">{formError}</Alert>}
      <Field id="currentPassword" label="Current password" errors={fieldErrors.currentPassword}>
        <Input id="currentPassword" name="currentPassword" type="password" autoComplete="current-password" />
      </Field>
      <Field id="newPassword" label="New password" help="At least 10 characters." errors={fieldErrors.password}>
        <Input id="newPassword" name="password" type="password" autoComplete="new-password" />
      </Field>
      <Field id="confirmPassword" label="Repeat the new password" errors={fieldErrors.confirm}>
        <Input id="confirmPassword" name="confirm" type="password" autoComplete="new-password" />
      </Field>
      <p className="text-xs text-fg-muted">Changing your password signs you out on every other device.</p>
      <Button type="submit" variant="secondary" pending={pending}>Change password</Button>
    </form>
  );
}

function SignOutEverywhere() {
  const { run, pending, formError } = useAction(signOutEverywhere);
  return (
    <div className="max-w-2xl space-y-3 border-t border-border pt-5">
      <h3 className="text-sm font-semibold">Sign out everywhere</h3>
      <p className="text-sm text-fg-muted">
        Ends every session of your account, on this device and all others, for example after using a shared computer
        or losing a laptop.
      </p>
      {formError && <Alert tone="error">{formError}</Alert>}
      <Button
        variant="danger"
        pending={pending}
        onClick={async () => {
          const result = await run({});
          if (result?.ok) await signOut({ callbackUrl: "/login?notice=signed-out-everywhere" });
        }}
      >
        Sign out everywhere
      </Button>
    </div>
  );
}

export function AccountSecurity() {
  return (
    <div className="space-y-5 p-5">
      <ChangePasswordForm />
      <SignOutEverywhere />
    </div>
  );
}

"use client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { useAction } from "@/components/ui/use-action";
import { resendVerification } from "@/lib/auth/auth.actions";

export function VerifyEmailBanner({ email }: { email: string }) {
  const toast = useToast();
  const { run, pending } = useAction(resendVerification);
  return (
    <Alert tone="warning" className="flex flex-wrap items-center justify-between gap-3">
      <span>Please verify <strong>{email}</strong>: we sent you a link when you signed up.</span>
      <Button
        size="sm"
        variant="secondary"
        pending={pending}
        onClick={async () => {
          const result = await run({});
          if (result?.ok) toast({ title: "Verification email sent", description: `Check the inbox of ${email}.`, tone: "success" });
          else if (result) toast({ title: "Could not send", description: result.error, tone: "error" });
        }}
      >
        Resend link
      </Button>
    </Alert>
  );
}

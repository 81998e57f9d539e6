"use client";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/ui/use-action";
import { verifyEmail } from "@/lib/auth/auth.actions";
import { useState } from "react";

// Verification waits for a click: mail scanners that open links must not use up the token.
export function VerifyEmailForm({ token }: { token: string }) {
  const { run, pending, formError, fieldErrors } = useAction(verifyEmail);
  const error = formError ?? fieldErrors.token?.[0] ?? null;
  const [verified, setVerified] = useState<string | null>(null);
  if (verified) {
    return (
      <div className="space-y-4">
        <h1 className="text-xl font-semibold">Email verified</h1>
        <Alert tone="success"><strong>{verified}</strong> is confirmed. Thank you.</Alert>
        <Button asChild className="w-full"><Link href="/dashboard">Continue to ResolutionFlow</Link></Button>
      </div>
    );
  }
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Verify your email</h1>
      <p className="text-sm text-fg-muted">Confirm that this email address belongs to you.</p>
      {error && (
        <Alert tone="error">
          {error}{" "}
          <Link href="/dashboard" className="font-medium underline">Get a new link from your dashboard</Link>
        </Alert>
      )}
      <Button
        className="w-full"
        pending={pending}
        onClick={async () => {
          const result = await run({ token });
          if (result?.ok) setVerified(result.data.email);
        }}
      >
        Verify my email
      </Button>
    </div>
  );
}

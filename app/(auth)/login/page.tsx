import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { getCurrentUser } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "Sign in" };

const NOTICES: Record<string, string> = {
  reset: "Your password was changed. Sign in with the new one.",
  joined: "Your account is ready. Sign in to continue.",
  "signed-out-everywhere": "You were signed out on every device.",
  "password-changed": "Your password was changed.",
};

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  if (await getCurrentUser()) redirect("/dashboard");
  const params = await searchParams;
  return (
    <LoginForm
      notice={params.notice ? NOTICES[params.notice] : undefined}
      callbackUrl={params.callbackUrl}
      email={params.email?.slice(0, 254)}
    />
  );
}

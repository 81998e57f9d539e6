import type { Metadata } from "next";
import { AccountNameForm } from "@/components/account/account-name-form";
import { AccountSecurity } from "@/components/auth/account-security";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/current-user";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { ownTeamName } from "@/lib/account/queries";

export const metadata: Metadata = { title: "Settings" };

export default async function AccountSettingsPage() {
  const user = await requirePageUser();
  const teamName = await ownTeamName(user);
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Card>
        <CardHeader title="Account" description="Your company's workspace in ResolutionFlow." />
        <div className="space-y-4 p-5">
          {user.role === "owner" ? (
            <AccountNameForm name={user.account.name} />
          ) : (
            <p className="text-sm"><span className="text-fg-muted">Name:</span> {user.account.name}</p>
          )}
          <p className="text-sm">
            <span className="text-fg-muted">Plan:</span> <Badge tone={user.account.plan === "pro" ? "brand" : "neutral"}>{user.account.plan === "pro" ? "Pro" : "Free"}</Badge>
          </p>
        </div>
      </Card>
      <Card>
        <CardHeader title="You" />
        <dl className="grid grid-cols-[6rem_minmax(0,1fr)] gap-x-3 gap-y-2 p-5 text-sm">
          <dt className="text-fg-muted">Name</dt><dd>{user.name}</dd>
          <dt className="text-fg-muted">Email</dt>
          <dd className="flex flex-wrap items-center gap-x-2 gap-y-1">
            <span className="min-w-0 wrap-anywhere">{user.email}</span>
            {user.emailVerified ? <Badge tone="green">Verified</Badge> : <Badge tone="amber">Not verified</Badge>}
          </dd>
          <dt className="text-fg-muted">Role</dt><dd>{ROLE_LABELS[user.role]}</dd>
          <dt className="text-fg-muted">Team</dt><dd>{teamName ?? "No team"}</dd>
        </dl>
      </Card>
      <Card className="lg:col-span-2">
        <CardHeader title="Security" description="Your password and the devices signed in to your account." />
        <AccountSecurity />
      </Card>
    </div>
  );
}

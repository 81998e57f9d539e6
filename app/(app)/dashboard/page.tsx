import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { DeniedNotice } from "@/components/shell/denied-notice";
import { ArrowRight, Check, KeyRound, PenLine, Users, UsersRound } from "@/components/ui/icons";
import { VerifyEmailBanner } from "@/components/account/verify-email-banner";
import { DashboardBatches } from "@/components/maintenance/dashboard-batches";
import { DashboardSessions } from "@/components/sessions/dashboard-sessions";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/current-user";
import { timed, timingPath } from "@/lib/http/request-timing";
import { hasRole, isAdmin } from "@/lib/auth/roles";
import { accountSetupCounts } from "@/lib/account/queries";
import { recentBatches } from "@/lib/maintenance/queries";
import { dashboardSessions } from "@/lib/sessions/queries";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage({ searchParams }: { searchParams: Promise<{ welcome?: string; denied?: string }> }) {
  timingPath("/dashboard");
  const user = await requirePageUser();
  const params = await searchParams;
  // L1 technicians land on their workspace (also after sign-in, which goes to /dashboard).
  if (user.role === "l1") {
    // L1 techs work from /l1; what the dashboard would have said (welcome, denied) goes with them.
    const query = new URLSearchParams(Object.entries({ welcome: params.welcome, denied: params.denied }).filter((e): e is [string, string] => !!e[1])).toString();
    redirect(query ? `/l1?${query}` : "/l1");
  }
  const [{ members, teams, activeInvites, flows: ownFlows }, sessions, batches] = await timed("page", () => Promise.all([accountSetupCounts(user), dashboardSessions(user), recentBatches(user)]));
  const admin = isAdmin(user.role);
  const steps = [
    hasRole(user.role, "engineer") && {
      done: ownFlows > 0,
      title: "Write your first flow",
      text: "Turn a fix you know by heart into a flow your team can run, or fork a built-in one and adapt it.",
      href: ownFlows > 0 ? "/flows?owner=account" : "/flows/new",
      icon: PenLine,
    },
    admin && {
      done: members > 1 || activeInvites > 0,
      title: "Invite your team",
      text: "Create an invite code and share it with your engineers and L1 technicians.",
      href: "/settings/invites",
      icon: KeyRound,
    },
    admin && {
      done: teams > 0,
      title: "Set up teams",
      text: "Group people into teams such as Service Desk or Projects, so flows can be shared with a team.",
      href: "/settings/teams",
      icon: UsersRound,
    },
    admin && {
      done: members > 1,
      title: "Check roles",
      text: "Owners and admins manage the account; engineers author flows; L1 technicians run them.",
      href: "/settings/members",
      icon: Users,
    },
  ].filter(Boolean) as { done: boolean; title: string; text: string; href: string; icon: typeof Users }[];

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{params.welcome ? `Welcome, ${user.name.split(" ")[0]}` : `Hello, ${user.name.split(" ")[0]}`}</h1>
        <p className="mt-1 text-fg-muted">
          {user.account.name} · {members} {members === 1 ? "member" : "members"}
        </p>
      </div>
      <DeniedNotice denied={params.denied} />
      {!user.emailVerified && <VerifyEmailBanner email={user.email} />}
      <DashboardSessions data={sessions} userId={user.id} assistant={hasRole(user.role, "engineer")} />
      <DashboardBatches batches={batches} />
      {steps.some((step) => !step.done) && (
        <section aria-labelledby="first-steps">
          <h2 id="first-steps" className="mb-3 text-sm font-semibold uppercase tracking-wide text-fg-muted">Get started</h2>
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
            {steps.map(({ done, title, text, href, icon: Icon }) => (
              <Card key={title} className="flex flex-col p-5">
                <div className="flex items-center gap-2">
                  <Icon className="h-5 w-5 text-brand-600 dark:text-brand-400" aria-hidden />
                  <h3 className="font-medium">{title}</h3>
                  {done && <Badge tone="green" className="ml-auto gap-1"><Check className="h-3 w-3" aria-hidden />Done</Badge>}
                </div>
                <p className="mt-2 flex-1 text-sm text-fg-muted">{text}</p>
                <Link href={href} className="mt-4 inline-flex items-center gap-1 text-sm font-medium text-brand-600 hover:underline dark:text-brand-400">
                  {done ? "Review" : "Start"} <ArrowRight className="h-4 w-4" aria-hidden />
                </Link>
              </Card>
            ))}
          </div>
        </section>
      )}
    </div>
  );
}

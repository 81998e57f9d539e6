import type { Metadata } from "next";
import { TeamsManager } from "@/components/account/teams-manager";
import { Card, CardHeader } from "@/components/ui/card";
import { listTeams } from "@/lib/account/queries";
import { requirePageUser } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "Teams" };

export default async function TeamsPage() {
  const me = await requirePageUser("admin");
  const teams = await listTeams(me.accountId);
  return (
    <Card>
      <CardHeader title="Teams" description="Groups inside your account. Flows and steps can be shared with a team; put people in teams on the Members tab." />
      <TeamsManager teams={teams.map((t) => ({ id: t.id, name: t.name, members: t._count.members }))} />
    </Card>
  );
}

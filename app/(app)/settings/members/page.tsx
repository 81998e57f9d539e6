import type { Metadata } from "next";
import { MembersTable } from "@/components/account/members-table";
import { Card, CardHeader } from "@/components/ui/card";
import { listMembers, listTeams } from "@/lib/account/queries";
import { requirePageUser } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage() {
  const me = await requirePageUser("admin");
  const [members, teams] = await Promise.all([listMembers(me.accountId), listTeams(me.accountId)]);
  return (
    <Card>
      <CardHeader title="Members" description="Everyone in your account, their role and team." />
      <MembersTable
        me={{ id: me.id, role: me.role }}
        members={members.map((m) => ({ ...m, verified: m.emailVerifiedAt !== null, emailVerifiedAt: undefined, createdAt: m.createdAt.toISOString() }))}
        teams={teams.map((t) => ({ id: t.id, name: t.name }))}
      />
    </Card>
  );
}

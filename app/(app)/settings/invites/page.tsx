import type { Metadata } from "next";
import { InvitesManager } from "@/components/account/invites-manager";
import { Card, CardHeader } from "@/components/ui/card";
import { listInvites, listTeams } from "@/lib/account/queries";
import { requirePageUser } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "Invites" };

export default async function InvitesPage() {
  const me = await requirePageUser("admin");
  const [invites, teams] = await Promise.all([listInvites(me.accountId), listTeams(me.accountId)]);
  return (
    <Card>
      <CardHeader title="Invite codes" description="People join your account by signing up with a code. Codes are shown once, when you create them." />
      <InvitesManager
        myRole={me.role}
        teams={teams.map((t) => ({ id: t.id, name: t.name }))}
        invites={invites.map((invite) => ({
          id: invite.id,
          codeHint: invite.codeHint,
          role: invite.role,
          team: teams.find((t) => t.id === invite.teamId)?.name ?? null,
          uses: invite.uses,
          maxUses: invite.maxUses,
          expiresAt: invite.expiresAt.toISOString(),
          createdBy: invite.createdBy?.name ?? "Someone who left",
          status: invite.status,
        }))}
      />
    </Card>
  );
}

"use client";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Select } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { useAction } from "@/components/ui/use-action";
import { changeMemberRole, removeMember, setMemberTeam } from "@/lib/account/members.actions";
import { canAssignRole, ROLE_LABELS, ROLES } from "@/lib/auth/roles";
import type { Role } from "@/lib/generated/prisma/enums";

type Member = { id: string; name: string; email: string; role: Role; teamId: string | null; verified: boolean };

export function MembersTable({ me, members, teams }: { me: { id: string; role: Role }; members: Member[]; teams: { id: string; name: string }[] }) {
  const toast = useToast();
  const roleAction = useAction(changeMemberRole);
  const teamAction = useAction(setMemberTeam);
  const removeAction = useAction(removeMember);
  const [removing, setRemoving] = useState<Member | null>(null);

  const report = (result: Awaited<ReturnType<typeof roleAction.run>> | Awaited<ReturnType<typeof teamAction.run>>, success: string) => {
    if (!result) return;
    toast(result.ok ? { title: success, tone: "success" } : { title: "Not changed", description: result.error, tone: "error" });
  };

  return (
    <>
      <div className="overflow-x-auto">
        <table className="w-full text-sm">
          <thead className="text-left text-xs uppercase tracking-wide text-fg-muted">
            <tr className="border-b border-border">
              <th className="px-5 py-2 font-medium">Member</th>
              <th className="px-3 py-2 font-medium">Role</th>
              <th className="px-3 py-2 font-medium">Team</th>
              <th className="px-5 py-2 text-right font-medium"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {members.map((member) => {
              const self = member.id === me.id;
              const editable = !self && canAssignRole(me.role, member.role, member.role);
              return (
                <tr key={member.id} className="border-b border-border last:border-0" data-testid={`member-${member.email}`}>
                  <td className="px-5 py-3">
                    <div className="font-medium">{member.name} {self && <Badge>You</Badge>}</div>
                    <div className="text-fg-muted">{member.email} {!member.verified && <Badge tone="amber">Unverified</Badge>}</div>
                  </td>
                  <td className="px-3 py-3">
                    <Select
                      aria-label={`Role of ${member.name}`}
                      value={member.role}
                      disabled={!editable || roleAction.pending}
                      className="w-40"
                      onChange={async (e) => report(await roleAction.run({ userId: member.id, role: e.target.value as Role }), `${member.name} is now ${ROLE_LABELS[e.target.value as Role]}`)}
                    >
                      {ROLES.filter((r) => r === member.role || canAssignRole(me.role, member.role, r)).map((r) => (
                        <option key={r} value={r}>{ROLE_LABELS[r]}</option>
                      ))}
                    </Select>
                  </td>
                  <td className="px-3 py-3">
                    <Select
                      aria-label={`Team of ${member.name}`}
                      value={member.teamId ?? ""}
                      disabled={teamAction.pending}
                      className="w-44"
                      onChange={async (e) => report(await teamAction.run({ userId: member.id, teamId: e.target.value || null }), "Team updated")}
                    >
                      <option value="">No team</option>
                      {teams.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
                    </Select>
                  </td>
                  <td className="px-5 py-3 text-right">
                    {editable && (
                      <Button variant="ghost" size="sm" className="text-red-600" onClick={() => setRemoving(member)}>
                        Remove
                      </Button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <Dialog
        open={removing !== null}
        onOpenChange={(open) => !open && setRemoving(null)}
        title={`Remove ${removing?.name ?? ""}?`}
        description="They lose access to this account at once. This cannot be undone; invite them again to bring them back."
      >
        {removeAction.error && <p className="mb-3 text-sm text-red-600">{removeAction.error}</p>}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setRemoving(null)}>Cancel</Button>
          <Button
            variant="danger"
            pending={removeAction.pending}
            onClick={async () => {
              if (!removing) return;
              const result = await removeAction.run({ userId: removing.id });
              if (result?.ok) {
                toast({ title: `${removing.name} was removed`, tone: "success" });
                setRemoving(null);
              }
            }}
          >
            Remove member
          </Button>
        </div>
      </Dialog>
    </>
  );
}

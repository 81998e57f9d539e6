"use client";
import { Trash2 } from "@/components/ui/icons";
import { useOptimistic, useState, useTransition } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
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
  // The selects show the new choice while it saves; a failed save falls back to the saved value.
  const [, startChange] = useTransition();
  const [shown, showChange] = useOptimistic(members, (current, change: Pick<Member, "id"> & Partial<Pick<Member, "role" | "teamId">>) =>
    current.map((m) => (m.id === change.id ? { ...m, ...change } : m)),
  );

  const report = (result: Awaited<ReturnType<typeof roleAction.run>> | Awaited<ReturnType<typeof teamAction.run>>, success: string) => {
    if (!result) return;
    toast(result.ok ? { title: success, tone: "success" } : { title: "Not changed", description: result.error, tone: "error" });
  };

  return (
    <>
      {/* `relative` keeps the screen-reader-only labels inside the scroll area. */}
      <div className="relative overflow-x-auto">
        <table className="w-full text-sm">
          <thead className="text-left text-xs uppercase tracking-wide text-fg-muted">
            <tr className="border-b border-border">
              <th className="py-2 pl-5 pr-3 font-medium">Member</th>
              <th className="px-3 py-2 font-medium">Role and team</th>
              <th className="py-2 pl-3 pr-5 text-right font-medium"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {shown.map((member) => {
              const self = member.id === me.id;
              const editable = !self && canAssignRole(me.role, member.role, member.role);
              return (
                <tr key={member.id} className="border-b border-border align-top last:border-0" data-testid={`member-${member.email}`}>
                  <td className="py-3 pl-5 pr-3">
                    <div className="flex flex-wrap items-center gap-x-2 gap-y-1 font-medium">
                      <span className="wrap-anywhere">{member.name}</span>
                      {self && <Badge>You</Badge>}
                    </div>
                    <div className="mt-0.5 flex flex-wrap items-center gap-x-2 gap-y-1 text-fg-muted">
                      <span className="wrap-anywhere">{member.email}</span>
                      {!member.verified && <Badge tone="amber">Unverified</Badge>}
                    </div>
                  </td>
                  <td className="px-3 py-3">
                    <div className="flex w-44 flex-col gap-2 lg:w-auto lg:flex-row">
                      <Select
                        aria-label={`Role of ${member.name}`}
                        title={editable ? undefined : self ? "You cannot change your own role" : "Only an owner can change an owner"}
                        value={member.role}
                        disabled={!editable || roleAction.pending}
                        className="lg:w-40"
                        onChange={(e) => {
                          const role = e.target.value as Role;
                          startChange(async () => {
                            showChange({ id: member.id, role });
                            report(await roleAction.run({ userId: member.id, role }), `${member.name} is now ${ROLE_LABELS[role]}`);
                          });
                        }}
                      >
                        {ROLES.filter((r) => r === member.role || canAssignRole(me.role, member.role, r)).map((r) => (
                          <option key={r} value={r}>{ROLE_LABELS[r]}</option>
                        ))}
                      </Select>
                      <Select
                        aria-label={`Team of ${member.name}`}
                        value={member.teamId ?? ""}
                        disabled={teamAction.pending}
                        className="lg:w-44"
                        onChange={(e) => {
                          const teamId = e.target.value || null;
                          const team = teams.find((t) => t.id === teamId)?.name;
                          startChange(async () => {
                            showChange({ id: member.id, teamId });
                            report(await teamAction.run({ userId: member.id, teamId }), team ? `${member.name} moved to ${team}` : `${member.name} is in no team now`);
                          });
                        }}
                      >
                        <option value="">No team</option>
                        {teams.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
                      </Select>
                    </div>
                  </td>
                  <td className="py-3 pl-3 pr-5 text-right">
                    {editable && (
                      <Button variant="danger-ghost" size="sm" onClick={() => setRemoving(member)} title={`Remove ${member.name}`}>
                        <Trash2 className="h-4 w-4" aria-hidden />
                        <span className="sr-only lg:not-sr-only">Remove</span>
                      </Button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <ConfirmDialog
        open={removing !== null}
        onClose={() => setRemoving(null)}
        title={`Remove ${removing?.name ?? ""}?`}
        description="They lose access to this account at once. This cannot be undone; invite them again to bring them back."
        confirmLabel="Remove member"
        pending={removeAction.pending}
        error={removeAction.error}
        onConfirm={async () => {
          if (!removing) return;
          const result = await removeAction.run({ userId: removing.id });
          if (result?.ok) {
            toast({ title: `${removing.name} was removed`, tone: "success" });
            setRemoving(null);
          }
        }}
      />
    </>
  );
}

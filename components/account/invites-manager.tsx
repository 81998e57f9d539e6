"use client";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { useAction } from "@/components/ui/use-action";
import { LocalTime } from "@/components/ui/local-time";
import { SecretDialog } from "@/components/ui/secret-dialog";
import { ListTable } from "@/components/ui/table";
import { createInvite, revokeInvite } from "@/lib/account/invites.actions";
import { canAssignRole, ROLE_LABELS, ROLES } from "@/lib/auth/roles";
import type { Role } from "@/lib/generated/prisma/enums";
import type { InviteStatus } from "@/lib/account/queries";

type Invite = {
  id: string; codeHint: string; role: Role; team: string | null; uses: number; maxUses: number;
  expiresAt: string; createdBy: string; status: InviteStatus;
};

const STATUS_TONE = { active: "green", expired: "neutral", "used up": "neutral", revoked: "red" } as const;

export function InvitesManager({ invites, teams, myRole }: { invites: Invite[]; teams: { id: string; name: string }[]; myRole: Role }) {
  const toast = useToast();
  const create = useAction(createInvite);
  const revoke = useAction(revokeInvite);
  const [created, setCreated] = useState<string | null>(null);
  const shareLink = created ? `${window.location.origin}/signup?invite=${created}` : "";

  return (
    <div>
      <form
        className="grid gap-3 border-b border-border px-5 py-4 sm:grid-cols-2 lg:grid-cols-5 lg:items-end"
        onSubmit={async (event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          const result = await create.run({
            role: form.get("role") as Role,
            teamId: (form.get("teamId") as string) || null,
            maxUses: String(form.get("maxUses") ?? ""),
            expiresInDays: String(form.get("expiresInDays") ?? ""),
          });
          if (result?.ok) setCreated(result.data.code);
        }}
        noValidate
      >
        <Field id="invite-role" label="Role" errors={create.fieldErrors.role}>
          <Select id="invite-role" name="role" defaultValue="engineer">
            {ROLES.filter((r) => canAssignRole(myRole, "l1", r)).map((r) => <option key={r} value={r}>{ROLE_LABELS[r]}</option>)}
          </Select>
        </Field>
        <Field id="invite-team" label="Team" errors={create.fieldErrors.teamId}>
          <Select id="invite-team" name="teamId" defaultValue="">
            <option value="">No team</option>
            {teams.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
          </Select>
        </Field>
        <Field id="invite-uses" label="Uses" errors={create.fieldErrors.maxUses}>
          <Input id="invite-uses" name="maxUses" type="number" min={1} max={500} defaultValue={1} aria-invalid={Boolean(create.fieldErrors.maxUses)} />
        </Field>
        <Field id="invite-days" label="Expires after (days)" errors={create.fieldErrors.expiresInDays}>
          <Input id="invite-days" name="expiresInDays" type="number" min={1} max={90} defaultValue={7} aria-invalid={Boolean(create.fieldErrors.expiresInDays)} />
        </Field>
        <Button type="submit" pending={create.pending}>Create invite</Button>
        {create.formError && <Alert tone="error" className="sm:col-span-2 lg:col-span-5">{create.formError}</Alert>}
      </form>

      {invites.length === 0 ? (
        <p className="px-5 py-8 text-center text-sm text-fg-muted">No invites yet. Create a code above and send it to a colleague.</p>
      ) : (
        <ListTable columns={["Code", "Role", "Uses", "Expires", "Status"]}>
              {invites.map((invite) => (
                <tr key={invite.id} className="border-b border-border last:border-0">
                  <td className="px-5 py-3 font-mono">{invite.codeHint}-····</td>
                  <td className="px-3 py-3">{ROLE_LABELS[invite.role]}{invite.team && <span className="text-fg-muted"> · {invite.team}</span>}</td>
                  <td className="px-3 py-3">{invite.uses} / {invite.maxUses}</td>
                  <td className="px-3 py-3"><LocalTime value={invite.expiresAt} /></td>
                  <td className="px-3 py-3"><Badge tone={STATUS_TONE[invite.status]}>{invite.status}</Badge></td>
                  <td className="px-5 py-3 text-right">
                    {invite.status === "active" && (
                      <Button
                        variant="danger-ghost"
                        size="sm"
                        disabled={revoke.pending}
                        onClick={async () => {
                          const result = await revoke.run({ inviteId: invite.id });
                          if (result) toast(result.ok ? { title: "Invite revoked", tone: "success" } : { title: "Not revoked", description: result.error, tone: "error" });
                        }}
                      >
                        Revoke
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
        </ListTable>
      )}

      <SecretDialog
        secret={created}
        onClose={() => setCreated(null)}
        title="Invite code created"
        description="Copy it now: for your security it is stored only as a hash and cannot be shown again."
        copyLabel="Copy code"
        testId="invite-code"
        large
      >
        <div className="flex items-center justify-between gap-3">
          <p className="min-w-0 truncate text-sm text-fg-muted">{shareLink}</p>
          <CopyButton value={shareLink} label="Copy link" />
        </div>
      </SecretDialog>
    </div>
  );
}

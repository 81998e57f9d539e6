// Schemas for account administration (members, invites, teams).
import { z } from "zod";
import { text } from "@/lib/validation/text";
import { ROLES } from "@/lib/auth/roles";

export const idField = z.string().uuid("Unknown id.");
export const roleField = z.enum(ROLES, { message: "Choose a role." });

export const changeRoleSchema = z.object({ userId: idField, role: roleField });
export const removeMemberSchema = z.object({ userId: idField });
export const setMemberTeamSchema = z.object({ userId: idField, teamId: idField.nullable() });

export const createInviteSchema = z.object({
  role: roleField.default("engineer"),
  teamId: idField.nullable().default(null),
  maxUses: z.coerce.number({ message: "Enter a number of uses." }).int("Use a whole number.").min(1, "At least 1 use.").max(500, "At most 500 uses."),
  expiresInDays: z.coerce.number({ message: "Enter a number of days." }).int("Use a whole number.").min(1, "At least 1 day.").max(90, "At most 90 days."),
});
export type CreateInviteInput = z.input<typeof createInviteSchema>;
export const revokeInviteSchema = z.object({ inviteId: idField });

export const teamNameField = text().trim().min(1, "Enter a team name.").max(80, "Use at most 80 characters.");
export const createTeamSchema = z.object({ name: teamNameField });
export const renameTeamSchema = z.object({ teamId: idField, name: teamNameField });

export const renameAccountSchema = z.object({ name: text().trim().min(1, "Enter a name.").max(120, "Use at most 120 characters.") });

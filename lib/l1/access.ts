// L1 workspace rules in one place.
// - Problem categories belong to an account; everyone in it sees them (the L1 picker), admins
//   and owners manage them (CATEGORY_ROLE). Another account's category is "not found".
// - Escalation recipients are members who can work the inbox: engineers and above, never the
//   service account.
// - Starting an L1 session follows the session rules (lib/sessions/access.ts): the flow must be
//   visible to the tech and runnable; the session is theirs.
import type { CurrentUser } from "@/lib/auth/current-user";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";

type Viewer = Pick<CurrentUser, "accountId">;

export const CATEGORY_ROLE: Role = "admin";
export const RECIPIENT_ROLES: Role[] = ["owner", "admin", "engineer"];

export function categoriesWhere(user: Viewer): Prisma.ProblemCategoryWhereInput {
  return { accountId: user.accountId };
}

export function recipientCandidatesWhere(user: Viewer): Prisma.UserWhereInput {
  return { accountId: user.accountId, isServiceAccount: false, role: { in: RECIPIENT_ROLES } };
}

// Who may see and review flow proposals: the one place that knows their tenancy rules.
// - Proposals belong to an account; every query scopes by the viewer's account inside its
//   `where`, so another account's proposal is "not found".
// - Only admins and owners review (they publish into the whole account's library). For anyone
//   else the queue does not exist: pages and actions answer "not found", not "forbidden".
import "server-only";
import type { CurrentUser } from "@/lib/auth/current-user";
import { isAdmin } from "@/lib/auth/roles";
import { notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

type Viewer = Pick<CurrentUser, "id" | "accountId" | "role">;

export const canReviewProposals = (user: Pick<Viewer, "role">) => isAdmin(user.role);

/** The viewer's account's proposals, for a reviewer; throws "not found" for anyone else. */
export function reviewableProposalsWhere(user: Viewer): Prisma.FlowProposalWhereInput {
  if (!canReviewProposals(user)) throw notFound("Proposal");
  return { accountId: user.accountId };
}

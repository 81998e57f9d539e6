// The walk so far, as text that travels with an escalation (inbox detail and email): the ticket
// note of lib/sessions/ticket.ts for flow sessions, the assistant walk's nodes for ad hoc ones.
import "server-only";
import type { CurrentUser } from "@/lib/auth/current-user";
import type { Tx } from "@/lib/db/client";
import { getSessionView } from "@/lib/sessions/queries";
import { buildTicketExports } from "@/lib/sessions/ticket";

type Viewer = Pick<CurrentUser, "id" | "accountId" | "teamId" | "role">;

export async function walkTextOf(tx: Tx, user: Viewer, session: { id: string; kind: "flow" | "assistant"; problem: string; flowName: string }): Promise<string> {
  if (session.kind === "flow") return buildTicketExports(await getSessionView(user, session.id)).text;
  const nodes = await tx.walkNode.findMany({
    where: { sessionId: session.id, accountId: user.accountId },
    orderBy: { seq: "asc" },
    select: { seq: true, kind: true, title: true, status: true, answerLabel: true, result: true },
  });
  const lines = [`${session.flowName} (assistant walk)`, `Problem: ${session.problem || "(not described)"}`, ""];
  for (const n of nodes) {
    if (n.status === "pending" || n.status === "rejected") continue;
    const outcome = n.kind === "question" ? (n.answerLabel ? ` → ${n.answerLabel}` : "") : n.result ? ` [${n.result}]` : "";
    lines.push(`${n.seq + 1}. ${n.title}${outcome}`);
  }
  if (lines.length === 3) lines.push("No steps taken yet.");
  return lines.join("\n");
}

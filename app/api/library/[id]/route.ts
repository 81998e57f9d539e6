// One whole library step for the client (react-query), read when a card is opened, edited or
// inserted: the list pages carry only what a card shows. Another account's private step, or an
// unknown id, is "not found" (the visibility rule is inside the query).
import { NextResponse } from "next/server";
import { z } from "zod";
import { notFound } from "@/lib/errors";
import { withUser } from "@/lib/http/route";
import { getLibraryCard } from "@/lib/library/queries";

export const GET = withUser<{ params: Promise<{ id: string }> }>(async (_request, user, { params }) => {
  const { id } = await params;
  if (!z.string().uuid().safeParse(id).success) throw notFound("Library step");
  const card = await getLibraryCard(user, id);
  if (!card) throw notFound("Library step");
  return NextResponse.json(card, { headers: { "Cache-Control": "private, no-store" } });
});

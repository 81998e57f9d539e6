// Reads the signed-in identity from the next-auth session cookie. The only module that
// talks to next-auth at request time (tests replace it to act as a given user).
import { getServerSession } from "next-auth";
import { timed } from "@/lib/http/request-timing";
import { authOptions } from "./options";

/** The user and the server-side session (UserSession row) the cookie names. */
export type SessionIdentity = { userId: string; sessionId: string };

export async function getSessionIdentity(): Promise<SessionIdentity | null> {
  const session = (await timed("auth", () => getServerSession(authOptions()))) as { uid?: string; sid?: string } | null;
  if (!session?.uid || !session.sid) return null;
  return { userId: session.uid, sessionId: session.sid };
}

// Reads the signed-in identity from the next-auth session cookie. The only module that
// talks to next-auth at request time (tests replace it to act as a given user).
import { getServerSession } from "next-auth";
import { authOptions } from "./options";

export type SessionIdentity = { userId: string; sessionVersion: number };

export async function getSessionIdentity(): Promise<SessionIdentity | null> {
  const session = (await getServerSession(authOptions())) as { uid?: string; sv?: number } | null;
  if (!session?.uid) return null;
  return { userId: session.uid, sessionVersion: session.sv ?? 0 };
}

// Reads the signed-in identity from the next-auth session cookie. The only module that
// talks to next-auth at request time (tests replace it to act as a given user).
// The cookie is read with next-auth's own getToken (decrypt and expiry check, chunked cookies):
// getServerSession ran next-auth's whole session handler on every request — options, callbacks,
// and a re-encrypted cookie that a server component cannot set anyway.
import { cookies } from "next/headers";
import { getToken } from "next-auth/jwt";
import { serverEnv } from "@/lib/env";
import { timed } from "@/lib/http/request-timing";
import { secureCookiesFor } from "./options";

/** The user and the server-side session (UserSession row) the cookie names. */
export type SessionIdentity = { userId: string; sessionId: string };

export async function getSessionIdentity(): Promise<SessionIdentity | null> {
  const jar = await cookies();
  const secure = secureCookiesFor();
  const token = await timed("auth", () =>
    getToken({
      // Cookies only: getToken would also take an "Authorization: Bearer" JWT, and that header carries API keys here.
      req: { cookies: Object.fromEntries(jar.getAll().map((c) => [c.name, c.value])), headers: {} } as unknown as Parameters<typeof getToken>[0]["req"],
      secureCookie: secure,
      cookieName: `${secure ? "__Secure-" : ""}next-auth.session-token`,
      secret: serverEnv().AUTH_SECRET,
    }),
  );
  const uid = token?.uid;
  const sid = token?.sid;
  if (typeof uid !== "string" || typeof sid !== "string") return null;
  return { userId: uid, sessionId: sid };
}

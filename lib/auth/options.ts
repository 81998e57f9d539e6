// next-auth configuration: email + password (credentials), JWT cookie. The JWT names a
// server-side UserSession row (sid); requireUser() only accepts it while that row is open, so
// signing out, "sign out everywhere" and a password change or reset end sessions at once.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { serverEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { clientIp } from "./client-ip";
import { authenticate } from "./login";
import { createUserSession, revokeUserSession, SESSION_MAX_AGE_SECONDS } from "./user-sessions";

const credentials = z.object({
  email: z.string().trim().email().max(254),
  password: z.string().min(1).max(200),
});

/** Secure cookies (the `__Secure-` prefix and the Secure flag) whenever the app is served over https. */
export const secureCookiesFor = (appUrl = serverEnv().APP_URL) => appUrl.startsWith("https://");

export function authOptions(): NextAuthOptions {
  return {
    secret: serverEnv().AUTH_SECRET,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    useSecureCookies: secureCookiesFor(),
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { type: "email" }, password: { type: "password" } },
        async authorize(input, req) {
          const parsed = credentials.safeParse(input);
          if (!parsed.success) return null;
          try {
            const user = await authenticate(parsed.data.email, parsed.data.password, clientIp(req?.headers));
            return user ? { id: user.id, sid: await createUserSession(user.id) } : null;
          } catch (error) {
            // next-auth reports a thrown Error's message as the sign-in error code.
            if (error instanceof AppError && error.code === "rate_limited") throw new Error("RateLimited");
            throw error;
          }
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.uid = user.id;
          token.sid = (user as { sid?: string }).sid;
        }
        return token;
      },
      session({ session, token }) {
        return { ...session, uid: token.uid as string | undefined, sid: token.sid as string | undefined };
      },
    },
    events: {
      // The cookie is cleared by next-auth; ending the row makes a copy of it worthless too.
      async signOut({ token }) {
        if (typeof token?.sid === "string") await revokeUserSession(token.sid);
      },
    },
  };
}

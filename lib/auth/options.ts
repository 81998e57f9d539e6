// next-auth configuration: email + password (credentials), JWT sessions. The JWT carries the
// user's sessionVersion; requireUser() rejects tokens older than the user's current one, so a
// password reset signs out every other session.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { serverEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { authenticate } from "./login";

const credentials = z.object({
  email: z.string().trim().email().max(254),
  password: z.string().min(1).max(200),
});

function clientIp(headers: Record<string, unknown> | undefined): string {
  const forwarded = headers?.["x-forwarded-for"];
  const first = typeof forwarded === "string" ? forwarded.split(",")[0]?.trim() : undefined;
  return first || String(headers?.["x-real-ip"] ?? "unknown");
}

export function authOptions(): NextAuthOptions {
  return {
    secret: serverEnv().AUTH_SECRET,
    session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
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
            return user ? { id: user.id, sessionVersion: user.sessionVersion } : null;
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
          token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
        }
        return token;
      },
      session({ session, token }) {
        return { ...session, uid: token.uid as string | undefined, sv: token.sv as number | undefined };
      },
    },
  };
}

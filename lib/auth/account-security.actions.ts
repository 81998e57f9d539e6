"use server";
// Settings → Security: change password and "sign out everywhere". Both end sessions on the
// server (UserSession rows), so a copied cookie stops working too.
import { db } from "@/lib/db/client";
import { authedAction } from "@/lib/action";
import { AppError } from "@/lib/errors";
import { z } from "zod";
import { changePasswordSchema } from "./auth.validation";
import { hashPassword, verifyPassword } from "./password";
import { SECURITY_LIMITS, SECURITY_WINDOW_MINUTES } from "./limits";
import { consumeRateLimit } from "./rate-limit";
import { revokeUserSessions } from "./user-sessions";


/** Sets a new password after checking the current one; every other device is signed out. */
export const changePassword = authedAction({ schema: changePasswordSchema }, async (input, user) => {
  await consumeRateLimit(
    [{ key: `change-password:${user.id}`, max: SECURITY_LIMITS.changePassword }],
    SECURITY_WINDOW_MINUTES,
    `Too many password changes. Try again in ${SECURITY_WINDOW_MINUTES} minutes.`,
  );
  const { passwordHash } = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } });
  if (!(await verifyPassword(passwordHash, input.currentPassword))) {
    throw new AppError("invalid", "This is not your current password.", { currentPassword: ["This is not your current password."] });
  }
  const newHash = await hashPassword(input.password);
  const signedOut = await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash: newHash } });
    return revokeUserSessions(tx, user.id, user.sessionId);
  });
  return { otherSessionsEnded: signedOut };
});

/** Ends every session of the user, this one included (the browser then clears its cookie). */
export const signOutEverywhere = authedAction({ schema: z.object({}) }, async (_input, user) => {
  await consumeRateLimit(
    [{ key: `sign-out-everywhere:${user.id}`, max: SECURITY_LIMITS.signOutEverywhere }],
    SECURITY_WINDOW_MINUTES,
    `Too many requests. Try again in ${SECURITY_WINDOW_MINUTES} minutes.`,
  );
  const ended = await db.$transaction((tx) => revokeUserSessions(tx, user.id));
  return { sessionsEnded: ended };
});

"use server";
// Sign-up, password reset and email verification.
import { db } from "@/lib/db/client";
import { authedAction, publicAction } from "@/lib/action";
import { AppError, conflict, isUniqueViolation } from "@/lib/errors";
import { appUrl, sendMail } from "@/lib/mail/transport";
import { z } from "zod";
import { claimAuthToken, issueAuthToken } from "./auth-tokens";
import { hashPassword } from "./password";
import { normaliseInviteCode, sha256 } from "./tokens";
import { forgotPasswordSchema, resetPasswordSchema, signUpSchema, verifyEmailSchema } from "./auth.validation";

async function mailVerification(user: { email: string; name: string }, token: string) {
  await sendMail({
    to: user.email,
    subject: "Verify your email for ResolutionFlow",
    text: `Hi ${user.name},\n\nConfirm this is your email address:\n${appUrl(`/verify/${token}`)}\n\nThe link works once and expires in 7 days.`,
  });
}

/** Creates a new account (signer = owner) or joins one with an invite code. */
export const signUp = publicAction({ schema: signUpSchema }, async (input) => {
  const passwordHash = await hashPassword(input.password);
  try {
    const { user, token } = await db.$transaction(async (tx) => {
      let accountId: string;
      let role: "owner" | "admin" | "engineer" | "l1" = "owner";
      let teamId: string | null = null;
      if (input.inviteCode) {
        // One conditional UPDATE claims a use: concurrent redemptions can never overspend.
        const [invite] = await tx.invite.updateManyAndReturn({
          where: {
            codeHash: sha256(normaliseInviteCode(input.inviteCode)),
            revokedAt: null,
            expiresAt: { gt: new Date() },
            uses: { lt: tx.invite.fields.maxUses },
          },
          data: { uses: { increment: 1 } },
          select: { accountId: true, role: true, teamId: true },
        });
        if (!invite) {
          throw new AppError("invalid", "That invite code is not valid. It may have expired, been used up or revoked.", {
            inviteCode: ["This invite code is not valid."],
          });
        }
        accountId = invite.accountId;
        role = invite.role;
        // The team may have been deleted since the invite was made.
        teamId = invite.teamId && (await tx.team.findFirst({ where: { id: invite.teamId, accountId }, select: { id: true } }))?.id || null;
      } else {
        const account = await tx.account.create({ data: { name: input.companyName } });
        accountId = account.id;
      }
      const user = await tx.user.create({
        data: { accountId, teamId, role, email: input.email, name: input.name, passwordHash },
        select: { id: true, email: true, name: true },
      });
      const token = await issueAuthToken(tx, user.id, "email_verify");
      return { user, token };
    });
    await mailVerification(user, token);
    return { email: user.email };
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw conflict("An account with this email already exists. Sign in instead, or reset your password.");
    }
    throw error;
  }
});

/** Always answers the same way, so it does not reveal which emails have accounts. */
export const requestPasswordReset = publicAction({ schema: forgotPasswordSchema }, async ({ email }) => {
  const user = await db.user.findUnique({ where: { email }, select: { id: true, name: true, email: true, isServiceAccount: true } });
  if (user && !user.isServiceAccount) {
    const token = await db.$transaction((tx) => issueAuthToken(tx, user.id, "password_reset"));
    await sendMail({
      to: user.email,
      subject: "Reset your ResolutionFlow password",
      text: `Hi ${user.name},\n\nChoose a new password here:\n${appUrl(`/reset/${token}`)}\n\nThe link works once and expires in 60 minutes. If you did not ask for this, ignore this email.`,
    });
  }
  return { sent: true };
});

export const resetPassword = publicAction({ schema: resetPasswordSchema }, async ({ token, password }) => {
  const passwordHash = await hashPassword(password);
  const email = await db.$transaction(async (tx) => {
    const userId = await claimAuthToken(tx, token, "password_reset");
    if (!userId) throw new AppError("invalid", "This reset link has expired or was already used. Ask for a new one.");
    // Bumping sessionVersion signs out every session that was open before the reset.
    const user = await tx.user.update({
      where: { id: userId },
      data: { passwordHash, sessionVersion: { increment: 1 } },
      select: { email: true },
    });
    return user.email;
  });
  return { email };
});

export const verifyEmail = publicAction({ schema: verifyEmailSchema }, async ({ token }) => {
  return db.$transaction(async (tx) => {
    const userId = await claimAuthToken(tx, token, "email_verify");
    if (!userId) throw new AppError("invalid", "This verification link has expired or was already used.");
    const user = await tx.user.update({ where: { id: userId }, data: { emailVerifiedAt: new Date() }, select: { email: true } });
    return { email: user.email };
  });
});

export const resendVerification = authedAction({ schema: z.object({}) }, async (_input, user) => {
  if (user.emailVerified) return { alreadyVerified: true };
  const token = await db.$transaction((tx) => issueAuthToken(tx, user.id, "email_verify"));
  await mailVerification(user, token);
  return { alreadyVerified: false };
});

"use server";
// Sign-up, password reset and email verification. Sign-up and forgot-password answer the same
// whether or not the email has an account (the owner of an existing one gets a mail instead),
// and each is rate limited per email and/or per client IP.
import { db } from "@/lib/db/client";
import { authedAction, publicAction } from "@/lib/action";
import { AppError, isUniqueViolation } from "@/lib/errors";
import { appUrl, sendMail } from "@/lib/mail/transport";
import { z } from "zod";
import { claimAuthToken, issueAuthToken } from "./auth-tokens";
import { hashPassword } from "./password";
import { AUTH_MAIL_LIMITS, AUTH_MAIL_WINDOW_MINUTES } from "./limits";
import { consumeRateLimit } from "./rate-limit";
import { requestClientIp } from "./request-ip";
import { normaliseInviteCode, sha256 } from "./tokens";
import { revokeUserSessions } from "./user-sessions";
import { forgotPasswordSchema, resetPasswordSchema, signUpSchema, verifyEmailSchema } from "./auth.validation";

const TOO_MANY = "Too many requests from your network. Please wait an hour and try again.";

async function mailVerification(user: { email: string; name: string }, token: string) {
  await sendMail({
    to: user.email,
    subject: "Verify your email for ResolutionFlow",
    text: `Hi ${user.name},\n\nConfirm this is your email address:\n${appUrl(`/verify/${token}`)}\n\nThe link works once and expires in 7 days.`,
  });
}

async function mailSignUpAttempt(user: { email: string; name: string }) {
  await sendMail({
    to: user.email,
    subject: "Someone tried to sign up with your email",
    text: `Hi ${user.name},\n\nSomeone just tried to create a ResolutionFlow account with this email address, which already has one.\n\nIf it was you, sign in instead:\n${appUrl("/login")}\nForgot your password? Choose a new one here:\n${appUrl("/forgot-password")}\n\nIf it was not you, you can ignore this email: nothing about your account changed.`,
  });
}

/**
 * Creates a new account (signer = owner) or joins one with an invite code, and mails a link to
 * confirm the address. If the email already has an account nothing is created (an invite is
 * not used up), its owner is told by mail, and the answer is the same as for a new account.
 */
export const signUp = publicAction({ schema: signUpSchema }, async (input) => {
  await consumeRateLimit([{ key: `signup-ip:${await requestClientIp()}`, max: AUTH_MAIL_LIMITS.signUpPerIp }], AUTH_MAIL_WINDOW_MINUTES, TOO_MANY);
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
    if (!isUniqueViolation(error)) throw error;
    const existing = await db.user.findUnique({ where: { email: input.email }, select: { email: true, name: true, isServiceAccount: true } });
    if (existing && !existing.isServiceAccount) await mailSignUpAttempt(existing);
    return { email: input.email };
  }
});

/** Always answers the same way, so it does not reveal which emails have accounts. */
export const requestPasswordReset = publicAction({ schema: forgotPasswordSchema }, async ({ email }) => {
  await consumeRateLimit(
    [
      { key: `reset-email:${email}`, max: AUTH_MAIL_LIMITS.resetPerEmail },
      { key: `reset-ip:${await requestClientIp()}`, max: AUTH_MAIL_LIMITS.resetPerIp },
    ],
    AUTH_MAIL_WINDOW_MINUTES,
    "Too many reset requests. Check your inbox (and spam folder) for the links already sent, or try again in an hour.",
  );
  const user = await db.user.findUnique({ where: { email }, select: { id: true, name: true, email: true, isServiceAccount: true } });
  if (user && !user.isServiceAccount) {
    const token = await db.$transaction((tx) => issueAuthToken(tx, user.id, "password_reset"));
    // A failed send must not change the answer (an unknown email gets "sent" too), or the
    // error would tell which emails have accounts: it goes to the server log instead.
    await sendMail({
      to: user.email,
      subject: "Reset your ResolutionFlow password",
      text: `Hi ${user.name},\n\nChoose a new password here:\n${appUrl(`/reset/${token}`)}\n\nThe link works once and expires in 60 minutes. If you did not ask for this, ignore this email.`,
    }).catch((error) => console.error("[mail] password reset mail not sent", error));
  }
  return { sent: true };
});

export const resetPassword = publicAction({ schema: resetPasswordSchema }, async ({ token, password }) => {
  const passwordHash = await hashPassword(password);
  const email = await db.$transaction(async (tx) => {
    const userId = await claimAuthToken(tx, token, "password_reset");
    if (!userId) throw new AppError("invalid", "This reset link has expired or was already used. Ask for a new one.");
    const user = await tx.user.update({ where: { id: userId }, data: { passwordHash }, select: { email: true } });
    // Every session that was open before the reset ends: whoever knew the old password is out.
    await revokeUserSessions(tx, userId);
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
  await consumeRateLimit(
    [
      { key: `resend-user:${user.id}`, max: AUTH_MAIL_LIMITS.resendPerUser },
      { key: `resend-ip:${await requestClientIp()}`, max: AUTH_MAIL_LIMITS.resendPerIp },
    ],
    AUTH_MAIL_WINDOW_MINUTES,
    "We already sent several links in the last hour. Check your inbox (and spam folder), or try again later.",
  );
  const token = await db.$transaction((tx) => issueAuthToken(tx, user.id, "email_verify"));
  await mailVerification(user, token);
  return { alreadyVerified: false };
});

// Schemas for the signed-out forms, shared by the server actions and the client forms.
import { z } from "zod";
import { text } from "@/lib/validation/text";

export const emailField = text("Enter your email address.")
  .trim()
  .toLowerCase()
  .min(1, "Enter your email address.")
  .max(254, "That email address is too long.")
  .email("Enter a valid email address.");

export const passwordField = text("Enter a password.")
  .min(10, "Use at least 10 characters.")
  .max(200, "Use at most 200 characters.");

export const nameField = text("Enter your name.")
  .trim()
  .min(1, "Enter your name.")
  .max(120, "Use at most 120 characters.");

export const signUpSchema = z
  .object({
    name: nameField,
    email: emailField,
    password: passwordField,
    /** Either a new company name, or an invite code to join an existing account. */
    companyName: text().trim().max(120, "Use at most 120 characters.").optional().default(""),
    inviteCode: text().trim().max(40, "That invite code is too long.").optional().default(""),
  })
  .superRefine((value, ctx) => {
    if (!value.inviteCode && !value.companyName) {
      ctx.addIssue({ code: "custom", path: ["companyName"], message: "Enter your company name, or an invite code to join a team." });
    }
  });
export type SignUpInput = z.input<typeof signUpSchema>;

export const forgotPasswordSchema = z.object({ email: emailField });

export const tokenField = text().trim().min(20, "This link is invalid.").max(100, "This link is invalid.");

export const resetPasswordSchema = z
  .object({ token: tokenField, password: passwordField, confirm: text() })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The passwords do not match." });

export const verifyEmailSchema = z.object({ token: tokenField });

export const changePasswordSchema = z
  .object({
    currentPassword: z.string({ message: "Enter your current password." }).min(1, "Enter your current password.").max(200, "Use at most 200 characters."),
    password: passwordField,
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The passwords do not match." })
  .refine((v) => v.password !== v.currentPassword, { path: ["password"], message: "Choose a password different from the current one." });
export type ChangePasswordInput = z.input<typeof changePasswordSchema>;

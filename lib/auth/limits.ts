// Rate limits of the signed-out forms and the account security actions (sign-in's own rules
// are in login.ts). Outside the "use server" files, which may export only actions.

export const AUTH_MAIL_WINDOW_MINUTES = 60;
/** Per hour: sign-ups from one address; reset mails per email and per address; verification re-sends per user and per address. */
export const AUTH_MAIL_LIMITS = { signUpPerIp: 30, resetPerEmail: 3, resetPerIp: 10, resendPerUser: 3, resendPerIp: 10 } as const;

export const SECURITY_WINDOW_MINUTES = 15;
/** Per user per window: password-change attempts (right or wrong), sign-outs everywhere. */
export const SECURITY_LIMITS = { changePassword: 5, signOutEverywhere: 5 } as const;

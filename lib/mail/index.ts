import "server-only";
import nodemailer from "nodemailer";
import { env } from "@/lib/config/env";
import { log } from "@/lib/log";

/** Whether this server sends mail at all (SMTP_URL set). */
export const mailConfigured = () => Boolean(env().SMTP_URL);

/** Sends one plain-text mail when SMTP_URL is set; returns whether it went out (never throws, never logs the body). */
export async function sendMail({ to, subject, text, kind }: { to: string; subject: string; text: string; kind: string }): Promise<boolean> {
  const smtpUrl = env().SMTP_URL;
  if (!smtpUrl) return false;
  try {
    await nodemailer.createTransport(smtpUrl).sendMail({ from: env().MAIL_FROM, to, subject, text });
    return true;
  } catch (error) {
    log("warn", "email_failed", { kind, to, message: (error as Error).message });
    return false;
  }
}

/** Sends the invite when SMTP_URL is set; returns whether it was mailed (the link is always returned to the admin). */
export function sendInviteEmail(input: { to: string; inviteUrl: string; workspaceName: string; invitedBy: string }): Promise<boolean> {
  return sendMail({
    kind: "invite",
    to: input.to,
    subject: `${input.invitedBy} invited you to ${input.workspaceName} on OpenCTO`,
    text: `${input.invitedBy} invited you to the workspace "${input.workspaceName}".\n\nAccept: ${input.inviteUrl}\n\nOpen the link to create your account, or sign in as ${input.to}, and accept. The link expires.`,
  });
}

export function sendPasswordResetEmail({ to, resetUrl, minutes }: { to: string; resetUrl: string; minutes: number }): Promise<boolean> {
  return sendMail({
    kind: "password_reset",
    to,
    subject: "Reset your OpenCTO password",
    text: `Someone (hopefully you) asked to reset the password of ${to} on OpenCTO.\n\nChoose a new password: ${resetUrl}\n\nThe link works once and expires in ${minutes} minutes. Resetting signs you out everywhere. If you did not ask, ignore this mail: your password stays as it is.`,
  });
}

export function sendVerificationEmail({ to, verifyUrl, hours }: { to: string; verifyUrl: string; hours: number }): Promise<boolean> {
  return sendMail({
    kind: "email_verify",
    to,
    subject: "Confirm your email for OpenCTO",
    text: `Confirm that ${to} is your address on OpenCTO: ${verifyUrl}\n\nThe link works once and expires in ${hours} hours.`,
  });
}

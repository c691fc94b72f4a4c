import "server-only";
import nodemailer from "nodemailer";
import { env } from "@/lib/config/env";
import { log } from "@/lib/log";

/** Sends the invite when SMTP_URL is set; returns whether it was mailed (the link is always returned to the admin). */
export async function sendInviteEmail(input: {
  to: string;
  inviteUrl: string;
  workspaceName: string;
  invitedBy: string;
}): Promise<boolean> {
  const smtpUrl = env().SMTP_URL;
  if (!smtpUrl) return false;
  try {
    await nodemailer.createTransport(smtpUrl).sendMail({
      from: env().MAIL_FROM,
      to: input.to,
      subject: `${input.invitedBy} invited you to ${input.workspaceName} on OpenCTO`,
      text: `${input.invitedBy} invited you to the workspace "${input.workspaceName}".\n\nAccept: ${input.inviteUrl}\n\nOpen the link to create your account, or sign in as ${input.to}, and accept. The link expires.`,
    });
    return true;
  } catch (error) {
    log("warn", "invite_email_failed", { to: input.to, message: (error as Error).message });
    return false;
  }
}

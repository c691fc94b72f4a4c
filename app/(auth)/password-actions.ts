"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { after } from "next/server";
import { auth } from "@/lib/auth";
import { attemptTarget } from "@/lib/auth/attempts";
import { passwordSchema } from "@/lib/auth/credentials";
import { mailEmailVerification, verifyEmail } from "@/lib/auth/email-verification";
import { publicOrigin } from "@/lib/auth/links";
import { mailPasswordReset, resetPassword } from "@/lib/auth/password-reset";
import { AppError } from "@/lib/errors";
import { countAttempt, throttleMessage } from "@/lib/limits/throttle";
import { mailConfigured } from "@/lib/mail";
import { emailSchema } from "@/lib/mail/address";

// Plain server-rendered forms (no page JavaScript): every outcome is a redirect carrying a code the
// page turns into a message — never the email, never the token beyond the link it came with.

const query = (values: Record<string, string>) => new URLSearchParams(values).toString();

/** Same answer whether or not the email has an account: the lookup and the mail run after the response. */
export async function requestPasswordReset(form: FormData): Promise<void> {
  const email = emailSchema.safeParse(form.get("email"));
  if (!email.success) redirect(`/forgot-password?${query({ error: "InvalidEmail" })}`);
  const requestHeaders = await headers();
  const throttled = await countAttempt({ action: "password_reset", target: attemptTarget(email.data, requestHeaders) });
  if (throttled) redirect(`/forgot-password?${query({ error: "RateLimited", retryAfter: String(throttled.retryAfterSeconds) })}`);
  if (mailConfigured()) {
    const origin = publicOrigin(requestHeaders);
    after(() => mailPasswordReset({ email: email.data, origin }));
  }
  redirect("/forgot-password?sent=1");
}

const linkErrorCode = (error: unknown) => (error instanceof AppError && error.status < 500 ? error.code : null);

export async function setNewPassword(form: FormData): Promise<void> {
  const token = String(form.get("token") ?? "");
  const password = passwordSchema.safeParse(form.get("password"));
  if (!password.success) redirect(`/reset-password?${query({ token, error: "WeakPassword" })}`);
  if (password.data !== form.get("confirm")) redirect(`/reset-password?${query({ token, error: "Mismatch" })}`);
  let failure: string | null = null;
  try {
    await resetPassword({ token, password: password.data });
  } catch (error) {
    failure = linkErrorCode(error);
    if (!failure) throw error;
  }
  if (failure) redirect(`/reset-password?${query({ token, error: failure })}`);
  redirect("/login?notice=PasswordReset");
}

export async function confirmEmail(form: FormData): Promise<void> {
  const token = String(form.get("token") ?? "");
  let failure: string | null = null;
  try {
    await verifyEmail({ token });
  } catch (error) {
    failure = linkErrorCode(error);
    if (!failure) throw error;
  }
  redirect(`/verify-email?${failure ? query({ token, error: failure }) : query({ done: "1" })}`);
}

/** The dashboard's "send the link again"; throttled like reset requests. */
export async function resendVerification(_prev: { message?: string }): Promise<{ message?: string }> {
  const session = await auth();
  const user = session?.user;
  if (!user?.id || !user.email) redirect("/login");
  const requestHeaders = await headers();
  const throttled = await countAttempt({ action: "password_reset", target: attemptTarget(user.email, requestHeaders) });
  if (throttled) return { message: throttleMessage("password_reset", throttled.retryAfterSeconds) };
  const sent = await mailEmailVerification({ userId: user.id, origin: publicOrigin(requestHeaders) });
  return { message: sent ? `Sent. Check ${user.email}.` : "The mail could not be sent. Try again later." };
}

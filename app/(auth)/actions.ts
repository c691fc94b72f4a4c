"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { after } from "next/server";
import { AuthError } from "next-auth";
import { signIn, signOut } from "@/lib/auth";
import { attemptTarget } from "@/lib/auth/attempts";
import { createPasswordUser, signUpSchema } from "@/lib/auth/credentials";
import { mailEmailVerification } from "@/lib/auth/email-verification";
import { publicOrigin } from "@/lib/auth/links";
import { safeCallbackUrl } from "@/lib/auth/redirects";
import { AppError } from "@/lib/errors";
import { countAttempt, recordFailure, throttleMessage } from "@/lib/limits/throttle";

export interface FormState {
  error?: string;
  fieldErrors?: Record<string, string>;
  /** What the user typed (never the password), so a refused form keeps it. */
  values?: { name?: string; email?: string };
}

const typed = (form: FormData) => ({ name: String(form.get("name") ?? ""), email: String(form.get("email") ?? "") });

async function passwordSignIn(email: string, password: string, redirectTo: string): Promise<FormState> {
  try {
    await signIn("credentials", { email, password, redirectTo });
    return {};
  } catch (error) {
    if (error instanceof AuthError) return { error: "Email or password is incorrect.", values: { email } };
    throw error; // Next.js signals the successful redirect by throwing.
  }
}

/**
 * The login page is a plain server-rendered form (no page JavaScript): a refusal comes back as a
 * redirect to /login with the error code and the email typed, never the password.
 */
export async function signInWithPassword(form: FormData): Promise<void> {
  const email = String(form.get("email") ?? "");
  const callbackUrl = safeCallbackUrl(form.get("callbackUrl"));
  const throttled = await countAttempt({ action: "sign_in", target: attemptTarget(email, await headers()) });
  if (throttled)
    redirect(`/login?${new URLSearchParams({ error: "RateLimited", retryAfter: String(throttled.retryAfterSeconds), email, callbackUrl })}`);
  const { error } = await passwordSignIn(email, String(form.get("password") ?? ""), callbackUrl);
  if (error) redirect(`/login?${new URLSearchParams({ error: "CredentialsSignin", email, callbackUrl })}`);
}

export async function signUpWithPassword(_prev: FormState, form: FormData): Promise<FormState> {
  const parsed = signUpSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0])] ??= issue.message;
    return { fieldErrors, values: typed(form) };
  }
  const target = attemptTarget(parsed.data.email, await headers());
  const throttled = await countAttempt({ action: "sign_up", target });
  if (throttled) return { error: throttleMessage("sign_up", throttled.retryAfterSeconds), values: typed(form) };
  try {
    const user = await createPasswordUser(parsed.data);
    const origin = publicOrigin(await headers());
    after(() => mailEmailVerification({ userId: user.id, origin }));
  } catch (error) {
    if (error instanceof AppError && error.code === "email_taken") await recordFailure({ action: "sign_up", target });
    if (error instanceof AppError && error.status < 500) return { error: error.message, values: typed(form) };
    throw error;
  }
  return passwordSignIn(parsed.data.email, parsed.data.password, safeCallbackUrl(form.get("callbackUrl")));
}

export async function signInWithProvider(form: FormData) {
  await signIn(String(form.get("provider")), { redirectTo: safeCallbackUrl(form.get("callbackUrl")) });
}

export async function signOutAction() {
  await signOut({ redirectTo: "/login" });
}

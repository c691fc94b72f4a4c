"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { after } from "next/server";
import { AuthError } from "next-auth";
import { signIn, signOut } from "@/lib/auth";
import { attemptTarget } from "@/lib/auth/attempts";
import { createPasswordUser, signUpSchema } from "@/lib/auth/credentials";
import { LOGIN_EMAIL_COOKIE } from "@/lib/auth/login-email";
import { authErrorMessage } from "@/lib/auth/error-messages";
import { mailEmailVerification } from "@/lib/auth/email-verification";
import { publicOrigin } from "@/lib/auth/links";
import { safeCallbackUrl } from "@/lib/auth/redirects";
import { databaseUnavailable, unlessDatabaseAway } from "@/lib/database";
import { AppError } from "@/lib/errors";
import { acceptInvite, findInvite, INVITE_TOKEN, inviteProblem } from "@/lib/workspaces/invites";
import { countAttempt, recordFailure, throttleMessage } from "@/lib/limits/throttle";

export interface FormState {
  error?: string;
  fieldErrors?: Record<string, string>;
  /** What the user typed (never the password), so a refused form keeps it. */
  values?: { name?: string; email?: string };
}

const typed = (form: FormData) => ({ name: String(form.get("name") ?? ""), email: String(form.get("email") ?? "") });

/** Signs in (Next.js signals the redirect by throwing), or names why not as a code authErrorMessage knows. */
async function passwordSignIn(email: string, password: string, redirectTo: string): Promise<"CredentialsSignin" | "DatabaseUnavailable"> {
  try {
    await signIn("credentials", { email, password, redirectTo });
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
    // An outage is not a wrong password.
    return databaseUnavailable(error) ? "DatabaseUnavailable" : "CredentialsSignin";
  }
  throw new Error("signIn returned without redirecting");
}

/**
 * The login page is a plain server-rendered form (no page JavaScript): a refusal comes back as a
 * redirect to /login with the error code. The email typed rides in a short-lived httpOnly cookie
 * (never in the URL, where logs and history would keep it); the password goes nowhere.
 */
export async function signInWithPassword(form: FormData): Promise<void> {
  const email = String(form.get("email") ?? "").slice(0, 320);
  const callbackUrl = safeCallbackUrl(form.get("callbackUrl"));
  const throttled = await unlessDatabaseAway(
    countAttempt({ action: "sign_in", target: attemptTarget(email, await headers()) }),
    "away" as const,
  );
  const error =
    throttled === "away"
      ? "DatabaseUnavailable"
      : throttled
        ? "RateLimited"
        : await passwordSignIn(email, String(form.get("password") ?? ""), callbackUrl);
  (await cookies()).set(LOGIN_EMAIL_COOKIE, email, { httpOnly: true, sameSite: "lax", path: "/login", maxAge: 300 });
  const query = new URLSearchParams({ error, callbackUrl });
  if (throttled && throttled !== "away") query.set("retryAfter", String(throttled.retryAfterSeconds));
  redirect(`/login?${query}`);
}

/** Sign-up, under the sign-up policy; through an invite link the email is the invite's and the invite is accepted. */
export async function signUpWithPassword(_prev: FormState, form: FormData): Promise<FormState> {
  const token = String(form.get("invite") ?? "");
  const invite = token ? await findInvite({ token }) : null;
  if (token && inviteProblem(invite)) return { error: inviteProblem(invite)?.message, values: typed(form) };
  const fields = Object.fromEntries(form);
  const parsed = signUpSchema.safeParse(invite ? { ...fields, email: invite.email } : fields);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0])] ??= issue.message;
    return { fieldErrors, values: typed(form) };
  }
  const target = attemptTarget(parsed.data.email, await headers());
  const throttled = await unlessDatabaseAway(countAttempt({ action: "sign_up", target }), "away" as const);
  if (throttled === "away") return { error: authErrorMessage("DatabaseUnavailable"), values: typed(form) };
  if (throttled) return { error: throttleMessage("sign_up", throttled.retryAfterSeconds), values: typed(form) };
  try {
    const user = await createPasswordUser(parsed.data);
    if (invite) await acceptInvite({ token, userId: user.id, userEmail: user.email });
    const origin = publicOrigin(await headers());
    after(() => mailEmailVerification({ userId: user.id, origin }));
  } catch (error) {
    if (error instanceof AppError && error.code === "email_taken") await recordFailure({ action: "sign_up", target });
    const known = error instanceof AppError ? error : databaseUnavailable(error);
    if (known && (known.status < 500 || known.code === "database_unavailable")) return { error: known.message, values: typed(form) };
    throw error;
  }
  const refused = await passwordSignIn(parsed.data.email, parsed.data.password, invite ? "/" : safeCallbackUrl(form.get("callbackUrl")));
  return { error: authErrorMessage(refused), values: typed(form) };
}

export async function signInWithProvider(form: FormData) {
  await signIn(String(form.get("provider")), { redirectTo: safeCallbackUrl(form.get("callbackUrl")) });
}

export async function signOutAction() {
  await signOut({ redirectTo: "/login" });
}

/** Signed in with another account than the invite's: sign out and come back to the same invite link. */
export async function switchAccountForInvite(form: FormData) {
  const token = String(form.get("token") ?? "");
  await signOut({ redirectTo: INVITE_TOKEN.test(token) ? `/invite/${token}` : "/login" });
}

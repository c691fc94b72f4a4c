"use server";

import { redirect } from "next/navigation";
import { AuthError } from "next-auth";
import { signIn, signOut } from "@/lib/auth";
import { createPasswordUser, signUpSchema } from "@/lib/auth/credentials";
import { authErrorMessage } from "@/lib/auth/error-messages";
import { safeCallbackUrl } from "@/lib/auth/redirects";
import { databaseUnavailable } from "@/lib/database";
import { AppError } from "@/lib/errors";

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
    // Auth.js wraps what `authorize` threw as { err }; an outage is not a wrong password.
    return databaseUnavailable((error.cause as { err?: unknown } | undefined)?.err) ? "DatabaseUnavailable" : "CredentialsSignin";
  }
  throw new Error("signIn returned without redirecting");
}

/**
 * The login page is a plain server-rendered form (no page JavaScript): a refusal comes back as a
 * redirect to /login with the error code and the email typed, never the password.
 */
export async function signInWithPassword(form: FormData): Promise<void> {
  const email = String(form.get("email") ?? "");
  const callbackUrl = safeCallbackUrl(form.get("callbackUrl"));
  const error = await passwordSignIn(email, String(form.get("password") ?? ""), callbackUrl);
  redirect(`/login?${new URLSearchParams({ error, email, callbackUrl })}`);
}

export async function signUpWithPassword(_prev: FormState, form: FormData): Promise<FormState> {
  const parsed = signUpSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0])] ??= issue.message;
    return { fieldErrors, values: typed(form) };
  }
  try {
    await createPasswordUser(parsed.data);
  } catch (error) {
    const known = error instanceof AppError ? error : databaseUnavailable(error);
    if (known && (known.status < 500 || known.code === "database_unavailable")) return { error: known.message, values: typed(form) };
    throw error;
  }
  const refused = await passwordSignIn(parsed.data.email, parsed.data.password, safeCallbackUrl(form.get("callbackUrl")));
  return { error: authErrorMessage(refused), values: typed(form) };
}

export async function signInWithProvider(form: FormData) {
  await signIn(String(form.get("provider")), { redirectTo: safeCallbackUrl(form.get("callbackUrl")) });
}

export async function signOutAction() {
  await signOut({ redirectTo: "/login" });
}

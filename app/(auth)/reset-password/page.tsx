import type { Metadata } from "next";
import { peekUserToken } from "@/lib/auth/user-tokens";
import { AppError } from "@/lib/errors";
import { LinkProblem } from "../link-problem";
import { setNewPassword } from "../password-actions";

export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };

const FORM_ERRORS: Record<string, string> = {
  WeakPassword: "Use 10 to 200 characters for the password.",
  Mismatch: "The two passwords differ.",
};

async function linkState(token: string) {
  try {
    return { email: (await peekUserToken({ token, purpose: "password_reset" })).email };
  } catch (error) {
    if (error instanceof AppError && error.status < 500) return { problem: error.code };
    throw error;
  }
}

export default async function ResetPasswordPage({ searchParams }: PageProps<"/reset-password">) {
  const params = await searchParams;
  const token = typeof params.token === "string" ? params.token : "";
  const code = typeof params.error === "string" ? params.error : undefined;
  const state = code && !FORM_ERRORS[code] ? { problem: code } : await linkState(token);
  return (
    <div className="card space-y-4">
      <h1 className="text-lg font-semibold">Choose a new password</h1>
      {"problem" in state ? (
        <LinkProblem code={state.problem ?? "not_found"} again={{ href: "/forgot-password", label: "Ask for a new link" }} />
      ) : (
        <form action={setNewPassword} className="space-y-4">
          <p className="muted">
            For <span className="font-medium text-zinc-900 dark:text-zinc-100">{state.email}</span>. Saving it signs this account out
            everywhere.
          </p>
          {code && (
            <p role="alert" className="alert-error">
              {FORM_ERRORS[code]}
            </p>
          )}
          <input type="hidden" name="token" value={token} />
          <div>
            <label htmlFor="password" className="label">
              New password
            </label>
            <input id="password" name="password" type="password" autoComplete="new-password" required minLength={10} className="input" />
            <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">At least 10 characters.</p>
          </div>
          <div>
            <label htmlFor="confirm" className="label">
              Repeat it
            </label>
            <input id="confirm" name="confirm" type="password" autoComplete="new-password" required minLength={10} className="input" />
          </div>
          <button type="submit" className="btn-primary w-full">
            Save new password
          </button>
        </form>
      )}
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { peekUserToken } from "@/lib/auth/user-tokens";
import { AppError } from "@/lib/errors";
import { LinkProblem } from "../link-problem";
import { confirmEmail } from "../password-actions";

export const metadata: Metadata = { title: "Confirm your email", referrer: "no-referrer" };

async function linkState(token: string) {
  try {
    return { email: (await peekUserToken({ token, purpose: "email_verify" })).email };
  } catch (error) {
    if (error instanceof AppError && error.status < 500) return { problem: error.code };
    throw error;
  }
}

// Confirming takes a click (a POST), so a mail scanner that fetches the link does not use it up.
export default async function VerifyEmailPage({ searchParams }: PageProps<"/verify-email">) {
  const params = await searchParams;
  const token = typeof params.token === "string" ? params.token : "";
  if (params.done)
    return (
      <div className="card space-y-4">
        <h1 className="text-lg font-semibold">Email confirmed</h1>
        <p className="alert-success" role="status">
          Thank you: your email address is verified.
        </p>
        <Link href="/" className="btn-primary inline-block">
          Go to the dashboard
        </Link>
      </div>
    );
  const state = typeof params.error === "string" ? { problem: params.error } : await linkState(token);
  return (
    <div className="card space-y-4">
      <h1 className="text-lg font-semibold">Confirm your email</h1>
      {"problem" in state ? (
        <LinkProblem code={state.problem ?? "not_found"} again={{ href: "/", label: "Sign in to send a new link" }} />
      ) : (
        <form action={confirmEmail} className="space-y-4">
          <p className="muted">
            Confirm that <span className="font-medium text-zinc-900 dark:text-zinc-100">{state.email}</span> is your address.
          </p>
          <input type="hidden" name="token" value={token} />
          <button type="submit" className="btn-primary w-full">
            Confirm my email
          </button>
        </form>
      )}
    </div>
  );
}

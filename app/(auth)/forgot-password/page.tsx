import type { Metadata } from "next";
import Link from "next/link";
import { RESET_MINUTES } from "@/lib/auth/password-reset";
import { throttleMessage } from "@/lib/limits/throttle";
import { mailConfigured } from "@/lib/mail";
import { requestPasswordReset } from "../password-actions";

export const metadata: Metadata = { title: "Reset your password" };

function errorMessage(code: unknown, retryAfter: unknown): string | undefined {
  if (code === "InvalidEmail") return "Enter a valid email address.";
  if (code !== "RateLimited") return undefined;
  const seconds = Number(retryAfter);
  return throttleMessage("password_reset", Number.isInteger(seconds) && seconds > 0 && seconds <= 3600 ? seconds : 60);
}

export default async function ForgotPasswordPage({ searchParams }: PageProps<"/forgot-password">) {
  const params = await searchParams;
  const error = errorMessage(params.error, params.retryAfter);
  return (
    <div className="card space-y-4">
      <div>
        <h1 className="text-lg font-semibold">Reset your password</h1>
        <p className="muted">We mail you a link to choose a new one.</p>
      </div>
      {!mailConfigured() ? (
        <p className="alert-error" role="status">
          This server does not send email. Ask an admin of your workspace for a reset link (Settings → Members → Reset link).
        </p>
      ) : params.sent ? (
        <p className="alert-success" role="status">
          If an account exists for that email, a link to reset its password is on its way. It works once, within {RESET_MINUTES} minutes.
        </p>
      ) : (
        <form action={requestPasswordReset} className="space-y-4">
          {error && (
            <p role="alert" className="alert-error">
              {error}
            </p>
          )}
          <div>
            <label htmlFor="email" className="label">
              Email
            </label>
            <input id="email" name="email" type="email" autoComplete="email" required className="input" />
          </div>
          <button type="submit" className="btn-primary w-full">
            Send reset link
          </button>
        </form>
      )}
      <p className="muted text-center">
        <Link href="/login" className="font-medium text-indigo-700 underline dark:text-indigo-400">
          Back to sign in
        </Link>
      </p>
    </div>
  );
}

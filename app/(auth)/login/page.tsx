import type { Metadata } from "next";
import Link from "next/link";
import { OAuthButtons } from "@/app/_components/oauth-buttons";
import { authErrorMessage } from "@/lib/auth/error-messages";
import { safeCallbackUrl } from "@/lib/auth/redirects";
import { signInWithPassword } from "../actions";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: PageProps<"/login">) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  const code = typeof params.error === "string" ? params.error : undefined;
  const error = authErrorMessage(code, typeof params.retryAfter === "string" ? params.retryAfter : undefined);
  const email = typeof params.email === "string" ? params.email : undefined;
  return (
    <div className="card space-y-4">
      <div>
        <h1 className="text-lg font-semibold">Sign in</h1>
        <p className="muted">Welcome back. Sign in to your team's dashboard.</p>
      </div>
      {params.notice === "PasswordReset" && !error && (
        <p role="status" className="alert-success">
          Your password was changed and every session signed out. Sign in with the new password.
        </p>
      )}
      {error && (
        <p role="alert" className="alert-error" data-testid={code === "RateLimited" ? "sign-in-throttled" : undefined}>
          {error}
        </p>
      )}
      <form action={signInWithPassword} className="space-y-4">
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        <div>
          <label htmlFor="email" className="label">
            Email
          </label>
          <input id="email" name="email" type="email" autoComplete="email" required defaultValue={email} className="input" />
        </div>
        <div>
          <div className="flex items-baseline justify-between">
            <label htmlFor="password" className="label">
              Password
            </label>
            <Link href="/forgot-password" className="text-xs text-indigo-700 underline dark:text-indigo-400">
              Forgot your password?
            </Link>
          </div>
          <input id="password" name="password" type="password" autoComplete="current-password" required className="input" />
        </div>
        <button type="submit" className="btn-primary w-full">
          Sign in
        </button>
      </form>
      <OAuthButtons callbackUrl={callbackUrl} />
      <p className="muted text-center">
        New here?{" "}
        <Link href={`/signup?callbackUrl=${encodeURIComponent(callbackUrl)}`} className="font-medium text-indigo-700 underline dark:text-indigo-400">
          Create an account
        </Link>
      </p>
    </div>
  );
}

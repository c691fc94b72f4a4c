import type { Metadata } from "next";
import { unlessDatabaseAway } from "@/lib/database";
import { cookies } from "next/headers";
import Link from "next/link";
import { OAuthButtons } from "@/app/_components/auth/oauth-buttons";
import { authErrorMessage } from "@/lib/auth/error-messages";
import { LOGIN_EMAIL_COOKIE } from "@/lib/auth/login-email";
import { safeCallbackUrl } from "@/lib/auth/redirects";
import { signUpOffer } from "@/lib/auth/signup-policy";
import { findInvite } from "@/lib/workspaces/invites";
import { signInWithPassword } from "../actions";

export const metadata: Metadata = { title: "Sign in" };

/** Coming from an invite link: the invite's email and workspace, so the page can say what signing in is for. */
async function pendingInviteOf(callbackUrl: string) {
  const token = /^\/invite\/([^/?#]+)$/.exec(callbackUrl)?.[1];
  const invite = token ? await findInvite({ token }) : null;
  return invite?.state === "pending" ? { token, invite } : null;
}

export default async function LoginPage({ searchParams }: PageProps<"/login">) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  const code = typeof params.error === "string" ? params.error : undefined;
  const error = authErrorMessage(code, typeof params.retryAfter === "string" ? params.retryAfter : undefined);
  const [offer, fromInvite, jar] = await Promise.all([
    // In an outage the form still shows (signing in then says the database is away), without the offers.
    unlessDatabaseAway(signUpOffer(), null),
    unlessDatabaseAway(pendingInviteOf(callbackUrl), null),
    cookies(),
  ]);
  const email = fromInvite?.invite.email ?? (error ? jar.get(LOGIN_EMAIL_COOKIE)?.value : undefined);
  return (
    <div className="card space-y-4">
      <div>
        <h1 className="text-lg font-semibold">Sign in</h1>
        <p className="muted">
          {fromInvite
            ? `Sign in as ${fromInvite.invite.email} to join ${fromInvite.invite.workspaceName}.`
            : "Welcome back. Sign in to your team's dashboard."}
        </p>
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
      {fromInvite ? (
        <p className="muted text-center">
          No account yet?{" "}
          <Link href={`/signup?invite=${fromInvite.token}`} className="font-medium text-indigo-700 underline dark:text-indigo-400">
            Create one as {fromInvite.invite.email}
          </Link>
        </p>
      ) : offer?.selfService ? (
        <p className="muted text-center">
          New here?{" "}
          <Link
            href={`/signup?callbackUrl=${encodeURIComponent(callbackUrl)}`}
            className="font-medium text-indigo-700 underline dark:text-indigo-400"
          >
            Create an account
          </Link>
        </p>
      ) : (
        <p className="muted text-center">New here? Accounts are by invitation: ask a workspace admin to invite you.</p>
      )}
    </div>
  );
}

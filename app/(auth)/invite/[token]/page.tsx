import type { Metadata } from "next";
import { forPage } from "@/lib/database";
import Link from "next/link";
import { AcceptInvite } from "@/app/_components/auth/accept-invite";
import { auth } from "@/lib/auth";
import { findInvite, inviteProblem } from "@/lib/workspaces/invites";
import { switchAccountForInvite } from "../../actions";

export const metadata: Metadata = { title: "Invitation" };

const linkClass = "font-medium text-indigo-700 underline dark:text-indigo-400";

export default async function InvitePage({ params }: PageProps<"/invite/[token]">) {
  const { token } = await params;
  const [session, invite] = await forPage(Promise.all([auth(), findInvite({ token })]));
  const problem = inviteProblem(invite);
  const signedInAs = session?.user?.email?.toLowerCase();

  if (problem || !invite)
    return (
      <div className="card space-y-4">
        <h1 className="text-lg font-semibold">Invitation</h1>
        <p role="alert" className="alert-error">
          {problem?.message}
        </p>
        <Link href={signedInAs ? "/" : "/login"} className="btn-secondary w-full">
          {signedInAs ? "Go to the dashboard" : "Sign in"}
        </Link>
      </div>
    );

  const intro = (
    <p className="muted">
      You were invited to the workspace <strong>{invite.workspaceName}</strong> as <strong>{invite.role}</strong>, with the email{" "}
      <strong>{invite.email}</strong>.
    </p>
  );
  const here = `/invite/${token}`;

  return (
    <div className="card space-y-4">
      <h1 className="text-lg font-semibold break-words">Join {invite.workspaceName}</h1>
      {intro}
      {!signedInAs ? (
        <div className="space-y-2">
          <Link href={`/signup?invite=${token}`} className="btn-primary w-full">
            Create an account
          </Link>
          <Link href={`/login?callbackUrl=${encodeURIComponent(here)}`} className="btn-secondary w-full">
            I have an account: sign in as {invite.email}
          </Link>
        </div>
      ) : signedInAs !== invite.email ? (
        <>
          <p role="alert" className="alert-error">
            This invite is for {invite.email}, but you are signed in as {session?.user?.email}.
          </p>
          <form action={switchAccountForInvite}>
            <input type="hidden" name="token" value={token} />
            <button type="submit" className="btn-primary w-full">
              Sign out and continue as {invite.email}
            </button>
          </form>
          <p className="muted text-center">
            <Link href="/" className={linkClass}>
              Back to the dashboard
            </Link>
          </p>
        </>
      ) : (
        <>
          <p className="muted">Accepting adds the workspace to your account.</p>
          <AcceptInvite token={token} />
        </>
      )}
    </div>
  );
}

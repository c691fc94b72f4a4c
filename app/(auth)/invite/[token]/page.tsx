import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AcceptInvite } from "@/app/_components/auth/accept-invite";
import { auth } from "@/lib/auth";
import { findInvite } from "@/lib/workspaces/invites";

export const metadata: Metadata = { title: "Invitation" };

export default async function InvitePage({ params }: PageProps<"/invite/[token]">) {
  const { token } = await params;
  const session = await auth();
  if (!session?.user?.email) redirect(`/login?callbackUrl=${encodeURIComponent(`/invite/${token}`)}`);
  const invite = await findInvite({ token });
  const problem = !invite
    ? "This invite link is not valid."
    : invite.acceptedAt
      ? "This invite has already been used."
      : invite.expiresAt.getTime() <= Date.now()
        ? "This invite has expired. Ask an admin for a new one."
        : invite.email !== session.user.email.toLowerCase()
          ? `This invite is for ${invite.email}, but you are signed in as ${session.user.email}.`
          : null;
  return (
    <div className="card space-y-4">
      <h1 className="text-lg font-semibold">{invite && !problem ? `Join ${invite.workspaceName}` : "Invitation"}</h1>
      {problem ? (
        <>
          <p role="alert" className="alert-error">
            {problem}
          </p>
          <Link href="/" className="btn-secondary w-full">
            Go to the dashboard
          </Link>
        </>
      ) : (
        <>
          <p className="muted">
            You were invited as <strong>{invite?.role}</strong>. Accepting adds the workspace to your account.
          </p>
          <AcceptInvite token={token} />
        </>
      )}
    </div>
  );
}

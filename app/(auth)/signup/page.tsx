import type { Metadata } from "next";
import { forPage } from "@/lib/database";
import Link from "next/link";
import { OAuthButtons } from "@/app/_components/auth/oauth-buttons";
import { SignUpForm } from "@/app/_components/auth/sign-up-form";
import { safeCallbackUrl } from "@/lib/auth/redirects";
import { signUpClosedMessage, signUpOffer } from "@/lib/auth/signup-policy";
import { findInvite, inviteProblem } from "@/lib/workspaces/invites";

export const metadata: Metadata = { title: "Create account" };

export default async function SignUpPage({ searchParams }: PageProps<"/signup">) {
  const params = await searchParams;
  const token = typeof params.invite === "string" ? params.invite : undefined;
  const [offer, invite] = await forPage(Promise.all([signUpOffer(), token ? findInvite({ token }) : null]));
  const problem = token ? inviteProblem(invite) : null;
  const viaInvite = token && invite && !problem ? { token, invite } : null;
  // Through an invite the new account joins that workspace, then lands on the dashboard.
  const callbackUrl = viaInvite ? "/" : safeCallbackUrl(params.callbackUrl);
  const loginHref = `/login?callbackUrl=${encodeURIComponent(viaInvite ? `/invite/${viaInvite.token}` : callbackUrl)}`;
  const canSignUp = Boolean(viaInvite) || offer.selfService;
  return (
    <div className="card space-y-4">
      <div>
        <h1 className="text-lg font-semibold break-words">
          {viaInvite ? `Join ${viaInvite.invite.workspaceName}` : "Create your account"}
        </h1>
        <p className="muted">
          {viaInvite
            ? `You were invited as ${viaInvite.invite.role}. Create your account to accept.`
            : offer.firstAccount
              ? "You are the first person here: your account will own this OpenCTO instance."
              : "You get a personal workspace; invite your team from Settings."}
        </p>
      </div>
      {problem && (
        <p role="alert" className="alert-error">
          {problem.message}
        </p>
      )}
      {canSignUp ? (
        <>
          {!viaInvite && offer.policy.mode === "domain" && !offer.firstAccount && (
            <p className="muted">Open to addresses at {offer.policy.domains.join(", ")}, or with an invite.</p>
          )}
          <SignUpForm
            callbackUrl={callbackUrl}
            invite={viaInvite ? { token: viaInvite.token, email: viaInvite.invite.email } : undefined}
          />
          <OAuthButtons callbackUrl={viaInvite ? `/invite/${viaInvite.token}` : callbackUrl} />
        </>
      ) : (
        <p role="status" className="alert-info" data-testid="signup-closed">
          {signUpClosedMessage(offer.policy)}
        </p>
      )}
      <p className="muted text-center">
        Already have an account?{" "}
        <Link href={loginHref} className="font-medium text-indigo-700 underline dark:text-indigo-400">
          Sign in
        </Link>
      </p>
    </div>
  );
}

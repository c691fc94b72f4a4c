import type { Metadata } from "next";
import Link from "next/link";
import { CredentialsForm } from "@/app/_components/credentials-form";
import { OAuthButtons } from "@/app/_components/oauth-buttons";
import { authErrorMessage } from "@/lib/auth/error-messages";
import { safeCallbackUrl } from "@/lib/auth/redirects";
import { signInWithPassword } from "../actions";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: PageProps<"/login">) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  const error = authErrorMessage(typeof params.error === "string" ? params.error : undefined);
  return (
    <div className="card space-y-4">
      <div>
        <h1 className="text-lg font-semibold">Sign in</h1>
        <p className="muted">Welcome back. Sign in to your team's dashboard.</p>
      </div>
      {error && (
        <p role="alert" className="alert-error">
          {error}
        </p>
      )}
      <CredentialsForm mode="sign-in" action={signInWithPassword} callbackUrl={callbackUrl} />
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

import type { Metadata } from "next";
import Link from "next/link";
import { OAuthButtons } from "@/app/_components/auth/oauth-buttons";
import { SignUpForm } from "@/app/_components/auth/sign-up-form";
import { safeCallbackUrl } from "@/lib/auth/redirects";

export const metadata: Metadata = { title: "Create account" };

export default async function SignUpPage({ searchParams }: PageProps<"/signup">) {
  const callbackUrl = safeCallbackUrl((await searchParams).callbackUrl);
  return (
    <div className="card space-y-4">
      <div>
        <h1 className="text-lg font-semibold">Create your account</h1>
        <p className="muted">You get a personal workspace; invite your team from Settings.</p>
      </div>
      <SignUpForm callbackUrl={callbackUrl} />
      <OAuthButtons callbackUrl={callbackUrl} />
      <p className="muted text-center">
        Already have an account?{" "}
        <Link href={`/login?callbackUrl=${encodeURIComponent(callbackUrl)}`} className="font-medium text-indigo-700 underline dark:text-indigo-400">
          Sign in
        </Link>
      </p>
    </div>
  );
}

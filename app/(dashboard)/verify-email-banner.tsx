"use client";

import { useActionState } from "react";
import { resendVerification } from "@/app/(auth)/password-actions";

/** The reminder an unverified password account sees while the server can mail. */
export function VerifyEmailBanner({ email }: { email: string }) {
  const [state, send, pending] = useActionState(resendVerification, {});
  return (
    <div
      role="status"
      data-testid="verify-email-banner"
      className="mb-4 flex flex-wrap items-center gap-x-3 gap-y-1 rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
    >
      <span>
        Verify your email: we sent a link to <strong>{email}</strong>.
      </span>
      <form action={send}>
        <button type="submit" className="underline" disabled={pending}>
          {pending ? "Sending…" : "Send it again"}
        </button>
      </form>
      {state.message && <span>{state.message}</span>}
    </div>
  );
}

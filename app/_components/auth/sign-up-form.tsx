"use client";

import { useActionState } from "react";
import { type FormState, signUpWithPassword } from "@/app/(auth)/actions";

function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} className="mt-1 text-sm text-red-600 dark:text-red-400">
      {message}
    </p>
  );
}

/** With an invite the email is the invite's: shown, not editable (the server uses the invite's anyway). */
export function SignUpForm({ callbackUrl, invite }: { callbackUrl: string; invite?: { token: string; email: string } }) {
  const [state, formAction, pending] = useActionState<FormState, FormData>(signUpWithPassword, {});
  const error = (name: string) => state.fieldErrors?.[name];
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {invite && <input type="hidden" name="invite" value={invite.token} />}
      {state.error && (
        <p role="alert" className="alert-error">
          {state.error}
        </p>
      )}
      <div>
        <label htmlFor="name" className="label">
          Name
        </label>
        <input
          id="name"
          name="name"
          autoComplete="name"
          required
          className="input"
          defaultValue={state.values?.name}
          aria-invalid={!!error("name")}
          aria-describedby="name-error"
        />
        <FieldError id="name-error" message={error("name")} />
      </div>
      <div>
        <label htmlFor="email" className="label">
          Email
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          required
          className="input read-only:bg-zinc-100 dark:read-only:bg-zinc-900"
          defaultValue={invite?.email ?? state.values?.email}
          readOnly={Boolean(invite)}
          aria-invalid={!!error("email")}
          aria-describedby="email-error"
        />
        <FieldError id="email-error" message={error("email")} />
      </div>
      <div>
        <label htmlFor="password" className="label">
          Password
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={10}
          className="input"
          aria-invalid={!!error("password")}
          aria-describedby="password-hint"
        />
        {error("password") ? (
          <FieldError id="password-hint" message={error("password")} />
        ) : (
          <p id="password-hint" className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
            At least 10 characters.
          </p>
        )}
      </div>
      <button type="submit" className="btn-primary w-full" disabled={pending}>
        {pending ? "Please wait…" : "Create account"}
      </button>
    </form>
  );
}

"use client";

import { useActionState } from "react";
import type { FormState } from "@/app/(auth)/actions";

interface Props {
  mode: "sign-in" | "sign-up";
  action: (prev: FormState, form: FormData) => Promise<FormState>;
  callbackUrl: string;
}

export function CredentialsForm({ mode, action, callbackUrl }: Props) {
  const [state, formAction, pending] = useActionState(action, {});
  const field = (name: string) => state.fieldErrors?.[name];
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {state.error && (
        <p role="alert" className="alert-error">
          {state.error}
        </p>
      )}
      {mode === "sign-up" && (
        <div>
          <label htmlFor="name" className="label">
            Name
          </label>
          <input id="name" name="name" autoComplete="name" required className="input" defaultValue={state.values?.name} aria-invalid={!!field("name")} />
          {field("name") && <p className="mt-1 text-sm text-red-600 dark:text-red-400">{field("name")}</p>}
        </div>
      )}
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
          defaultValue={state.values?.email}
          className="input"
          aria-invalid={!!field("email")}
        />
        {field("email") && <p className="mt-1 text-sm text-red-600 dark:text-red-400">{field("email")}</p>}
      </div>
      <div>
        <label htmlFor="password" className="label">
          Password
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete={mode === "sign-up" ? "new-password" : "current-password"}
          required
          minLength={mode === "sign-up" ? 10 : undefined}
          className="input"
          aria-invalid={!!field("password")}
          aria-describedby={mode === "sign-up" ? "password-hint" : undefined}
        />
        {mode === "sign-up" && !field("password") && (
          <p id="password-hint" className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
            At least 10 characters.
          </p>
        )}
        {field("password") && <p className="mt-1 text-sm text-red-600 dark:text-red-400">{field("password")}</p>}
      </div>
      <button type="submit" className="btn-primary w-full" disabled={pending}>
        {pending ? "Please wait…" : mode === "sign-up" ? "Create account" : "Sign in"}
      </button>
    </form>
  );
}

"use client";

import { useEffect, useRef, useState } from "react";
import { TOKEN_SCOPES, type TokenScope } from "@/db/enums";
import { EXPIRY_CHOICES, SCOPE_LABELS } from "@/lib/tokens/scope-labels";
import { createApiToken } from "../api/routes";
import { useMutation } from "../api/use-mutation";
import { CopyButton } from "../ui/copy-button";
import { Feedback } from "../ui/feedback";

const expiryLabel = (days: number | null) => (days === null ? "Never (not recommended)" : days === 365 ? "1 year" : `${days} days`);

/** The new token's secret, in this browser tab's memory only: a reload or "Done" and it is gone for good. */
function NewTokenBox({ name, token, onDone }: { name: string; token: string; onDone: () => void }) {
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => field.current?.focus(), []);
  return (
    <section
      aria-labelledby="new-token-heading"
      className="space-y-3 rounded-lg border border-emerald-300 bg-emerald-50 p-4 dark:border-emerald-900 dark:bg-emerald-950/60"
      data-testid="new-token"
    >
      <h3 id="new-token-heading" className="font-semibold text-emerald-900 dark:text-emerald-200">
        Token “{name}” created
      </h3>
      <p className="text-sm text-emerald-900 dark:text-emerald-200">
        <strong>Copy it now: you won't see it again.</strong> Only a hash is stored, so nobody (not even an admin) can show it later. Lost
        it? Revoke it and make a new one.
      </p>
      <div className="flex flex-col gap-2 sm:flex-row">
        <label htmlFor="new-token-value" className="sr-only">
          Your new API token
        </label>
        <input
          id="new-token-value"
          ref={field}
          readOnly
          className="input font-mono text-xs"
          value={token}
          onFocus={(e) => e.currentTarget.select()}
          spellCheck={false}
          autoComplete="off"
        />
        <CopyButton key={token} text={token} label="Copy token" />
      </div>
      <p className="text-xs text-emerald-900 dark:text-emerald-200">
        Send it as <code className="font-mono">Authorization: Bearer {token.slice(0, 20)}…</code> — see “Use it from code” in the README for
        the openai SDK and MCP clients.
      </p>
      <button type="button" className="btn-secondary" onClick={onDone}>
        Done, I've stored it
      </button>
    </section>
  );
}

export function TokenCreateForm({ workspaceId }: { workspaceId: string }) {
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<TokenScope[]>([]);
  const [expiry, setExpiry] = useState<string>("90");
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const { pending, error, run } = useMutation();
  const never = expiry === "never";
  const toggle = (scope: TokenScope, on: boolean) =>
    setScopes((current) =>
      (on ? [...current, scope] : current.filter((s) => s !== scope)).sort((a, b) => TOKEN_SCOPES.indexOf(a) - TOKEN_SCOPES.indexOf(b)),
    );

  return (
    <div className="space-y-4">
      <form
        className="space-y-4"
        aria-label="Create a token"
        onSubmit={(e) => {
          e.preventDefault();
          run(async () => {
            // The server says the same, after "Invalid body: …"; here it reads as a sentence.
            if (!name.trim()) throw new Error("Give the token a name, so you can tell it apart later.");
            if (scopes.length === 0) throw new Error("Choose at least one scope: what the token may do.");
            const { token } = await createApiToken({ workspaceId, name, scopes, expiresInDays: never ? null : Number(expiry) });
            setCreated({ name: token.name, token: token.token });
            setName("");
            setScopes([]);
            return undefined;
          });
        }}
      >
        <div className="grid gap-4 sm:grid-cols-[minmax(0,1fr)_12rem]">
          <div>
            <label htmlFor="token-name" className="label">
              Name
            </label>
            <input
              id="token-name"
              className="input"
              placeholder="e.g. Nightly usage report"
              maxLength={80}
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
          </div>
          <div>
            <label htmlFor="token-expiry" className="label">
              Expires after
            </label>
            <select
              id="token-expiry"
              className="input"
              value={expiry}
              onChange={(e) => setExpiry(e.target.value)}
              aria-describedby={never ? "token-expiry-warning" : undefined}
            >
              {EXPIRY_CHOICES.map((days) => (
                <option key={days ?? "never"} value={days ?? "never"}>
                  {expiryLabel(days)}
                </option>
              ))}
            </select>
          </div>
        </div>
        {never && (
          <p id="token-expiry-warning" className="text-sm text-amber-800 dark:text-amber-300">
            A token that never expires works until someone revokes it, even years from now in a forgotten script. Prefer an expiry and make
            a new token when it runs out.
          </p>
        )}
        <fieldset className="space-y-2">
          <legend className="label">What it may do</legend>
          {TOKEN_SCOPES.map((scope) => (
            <label
              key={scope}
              className="flex cursor-pointer items-start gap-3 rounded-lg border border-zinc-200 p-3 has-[:checked]:border-indigo-400 has-[:checked]:bg-indigo-50/60 dark:border-zinc-800 dark:has-[:checked]:border-indigo-700 dark:has-[:checked]:bg-indigo-950/40"
            >
              <input
                type="checkbox"
                className="mt-0.5 size-4 shrink-0 accent-indigo-600"
                checked={scopes.includes(scope)}
                onChange={(e) => toggle(scope, e.target.checked)}
              />
              <span className="min-w-0 text-sm">
                <span className="font-medium">{SCOPE_LABELS[scope].title}</span>{" "}
                <code className="font-mono text-xs text-zinc-600 dark:text-zinc-400">{scope}</code>
                <span className="block text-zinc-600 dark:text-zinc-400">{SCOPE_LABELS[scope].sentence}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <button type="submit" className="btn-primary" disabled={pending}>
          {pending ? "Creating…" : "Create token"}
        </button>
      </form>
      <Feedback error={error} />
      {created && <NewTokenBox key={created.token} {...created} onDone={() => setCreated(null)} />}
    </div>
  );
}

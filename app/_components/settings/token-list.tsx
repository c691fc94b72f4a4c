"use client";

import { SCOPE_LABELS } from "@/lib/tokens/scope-labels";
import { revokeApiToken } from "../api/routes";
import type { ApiTokenView } from "../api/types";
import { useMutation } from "../api/use-mutation";
import { useConfirm } from "../ui/confirm-dialog";
import { Feedback } from "../ui/feedback";
import { When } from "../ui/when";

const STATUS_STYLE: Record<ApiTokenView["status"], string> = {
  active: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900/40 dark:text-emerald-200",
  expired: "bg-zinc-200 text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200",
  revoked: "bg-red-100 text-red-900 dark:bg-red-900/40 dark:text-red-200",
};

function Fact({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs uppercase tracking-wide text-zinc-600 dark:text-zinc-400">{term}</dt>
      <dd className="break-words">{children}</dd>
    </div>
  );
}

/** The workspace's tokens the viewer may see (admins: everyone's), each revocable behind the in-app confirmation. */
export function TokenList({
  workspaceId,
  tokens,
  viewerId,
  everyone,
}: {
  workspaceId: string;
  tokens: ApiTokenView[];
  viewerId: string;
  everyone: boolean;
}) {
  const { pending, error, message, run } = useMutation();
  const { confirm, dialog } = useConfirm();

  if (tokens.length === 0)
    return (
      <p className="muted" data-testid="tokens-empty">
        {everyone ? "Nobody in this workspace has a token yet." : "You have no tokens yet."} Create one above to call the dashboard from a
        script, an app or an agent.
      </p>
    );

  const revoke = async (token: ApiTokenView) => {
    const ok = await confirm({
      title: `Revoke “${token.name}”?`,
      body: (
        <p>
          Everything using <span className="font-mono">{token.hint}</span> stops working at once
          {token.userId === viewerId ? "" : ` (it belongs to ${token.ownerName ?? token.ownerEmail})`}. This cannot be undone.
        </p>
      ),
      confirmLabel: "Revoke token",
      danger: true,
    });
    if (!ok) return;
    run(async () => {
      await revokeApiToken(token.id, workspaceId);
      return `Token “${token.name}” revoked.`;
    });
  };

  return (
    <div className="space-y-3">
      <Feedback error={error} message={message} />
      <ul className="divide-y divide-zinc-200 dark:divide-zinc-800" aria-label="API tokens">
        {tokens.map((t) => (
          <li
            key={t.id}
            className={`space-y-3 py-4 first:pt-0 last:pb-0 ${t.status === "active" ? "" : "opacity-75"}`}
            data-token-id={t.id}
          >
            <div className="flex flex-wrap items-start justify-between gap-2">
              <div className="min-w-0">
                <h3 className="font-medium break-words">
                  {t.name}{" "}
                  <span className={`ml-1 rounded-full px-2 py-0.5 align-middle text-xs font-medium ${STATUS_STYLE[t.status]}`}>
                    {t.status}
                  </span>
                </h3>
                <p className="font-mono text-xs break-all text-zinc-600 dark:text-zinc-400">{t.hint}</p>
              </div>
              {t.status === "active" && (
                <button
                  type="button"
                  className="btn-danger px-2.5 py-1.5 text-xs"
                  disabled={pending}
                  onClick={() => revoke(t)}
                  aria-label={`Revoke ${t.name}`}
                >
                  Revoke
                </button>
              )}
            </div>
            <ul className="flex flex-wrap gap-1.5" aria-label="Scopes">
              {t.scopes.map((s) => (
                <li
                  key={s}
                  title={SCOPE_LABELS[s].sentence}
                  className="rounded-md border border-zinc-200 px-1.5 py-0.5 font-mono text-xs dark:border-zinc-700"
                >
                  {s}
                </li>
              ))}
            </ul>
            <dl className="grid grid-cols-2 gap-x-4 gap-y-2 text-sm sm:grid-cols-4">
              {everyone && <Fact term="Owner">{t.userId === viewerId ? "You" : (t.ownerName ?? t.ownerEmail)}</Fact>}
              <Fact term="Created">
                <When iso={t.createdAt} />
              </Fact>
              <Fact term={t.status === "expired" ? "Expired" : "Expires"}>{t.expiresAt ? <When iso={t.expiresAt} /> : "Never"}</Fact>
              <Fact term="Last used">
                <When iso={t.lastUsedAt} />
              </Fact>
              {t.revokedAt && (
                <Fact term="Revoked">
                  <When iso={t.revokedAt} />
                </Fact>
              )}
            </dl>
          </li>
        ))}
      </ul>
      {dialog}
    </div>
  );
}

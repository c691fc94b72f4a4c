import type { Metadata } from "next";
import { KeyAuditList } from "@/app/_components/settings/key-audit-list";
import { KeyProviderCard } from "@/app/_components/settings/key-vault";
import { UndecryptableKeysBanner } from "@/app/_components/settings/undecryptable-keys-banner";
import { LLM_PROVIDERS } from "@/db/enums";
import { requireViewer } from "@/lib/auth/viewer";
import { hasRole } from "@/lib/workspaces/roles";
import { listKeyAudit, listKeys } from "@/lib/vault/keys";
import { Pager } from "@/app/_components/ui/pager";
import { offsetOf, pageCountOf, pageFromSearch } from "@/lib/http/pagination";
import { KEY_AUDIT_PAGE } from "@/lib/vault/schemas";

export const metadata: Metadata = { title: "API keys" };

type Search = Record<string, string | string[] | undefined>;

export default async function KeysSettingsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const [{ user, access }, search] = await Promise.all([requireViewer(), searchParams]);
  const actor = { ...access, userId: user.id };
  const isAdmin = hasRole(access.role, "admin");
  const limit = KEY_AUDIT_PAGE.defaultLimit;
  // The page asked for; the list clamps it to the last page once the total is known.
  const asked = pageFromSearch(search.activity, Number.MAX_SAFE_INTEGER, limit);
  const [{ keys, serverFallback, keyInUse }, askedAudit] = await Promise.all([
    listKeys({ actor }),
    isAdmin ? listKeyAudit({ actor, limit, offset: offsetOf({ page: asked, limit }) }) : { events: [], total: 0 },
  ]);
  // A stale link past the end shows the last page.
  const page = Math.min(asked, pageCountOf(askedAudit.total, limit));
  const audit = page === asked ? askedAudit : await listKeyAudit({ actor, limit, offset: offsetOf({ page, limit }) });
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  const undecryptable = keys
    .filter((k) => !k.decryptable)
    .map((k) => ({ provider: k.provider, scope: k.scope, keyHint: k.keyHint, keyVersion: k.keyVersion }));
  return (
    <div className="space-y-6">
      <p className="muted">
        Keys are encrypted before they are stored and are never shown again; only the last four characters are kept readable. A member's
        personal key is used for their own calls before the workspace key.
      </p>
      <UndecryptableKeysBanner workspaceId={access.workspaceId} keys={undecryptable} canRemove={isAdmin} />
      {LLM_PROVIDERS.map((provider) => (
        <KeyProviderCard
          key={`${access.workspaceId}-${provider}`}
          workspaceId={access.workspaceId}
          provider={provider}
          canManageWorkspace={isAdmin}
          serverFallback={serverFallback[provider]}
          keyInUse={keyInUse[provider]}
          keys={keys
            .filter((k) => k.provider === provider)
            .map((k) => ({
              scope: k.scope,
              keyHint: k.keyHint,
              openaiProject: k.openaiProject,
              openaiOrganization: k.openaiOrganization,
              updatedAt: k.updatedAt.toISOString(),
              lastUsedAt: iso(k.lastUsedAt),
              updatedBy: k.createdBy?.name ?? k.createdBy?.email ?? null,
              decryptable: k.decryptable,
            }))}
        />
      ))}
      {isAdmin && (
        <KeyAuditList
          pager={<Pager label="Key activity pages" param="activity" page={page} pageSize={limit} total={audit.total} search={search} />}
          events={audit.events.map((e) => ({
            id: e.id,
            action: e.action,
            provider: e.provider,
            scope: e.scope,
            keyHint: e.keyHint,
            detail: e.detail,
            createdAt: e.createdAt.toISOString(),
            actor: e.actor?.name ?? e.actor?.email ?? null,
          }))}
        />
      )}
    </div>
  );
}

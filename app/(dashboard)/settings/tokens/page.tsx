import type { Metadata } from "next";
import { TokenCreateForm } from "@/app/_components/settings/token-create";
import { TokenList } from "@/app/_components/settings/token-list";
import { requireViewer } from "@/lib/auth/viewer";
import { listTokens } from "@/lib/tokens/tokens";
import { hasRole } from "@/lib/workspaces/roles";

export const metadata: Metadata = { title: "API tokens" };

const iso = (d: Date | null) => d?.toISOString() ?? null;

export default async function TokensSettingsPage() {
  const { user, access } = await requireViewer();
  const everyone = hasRole(access.role, "admin");
  const tokens = await listTokens({ workspaceId: access.workspaceId, viewer: { userId: user.id, role: access.role } });
  return (
    <div className="space-y-6">
      <p className="muted">
        Personal access tokens let your scripts, apps and agents use {access.workspaceName} from code — the OpenAI-compatible endpoint,
        Realtime secrets, usage and the MCP server — without ever holding the workspace's OpenAI key. A token acts as you, with your role,
        under the same rate limits and budgets.
      </p>
      <section className="card space-y-4" aria-labelledby="create-token-heading">
        <h2 id="create-token-heading" className="font-semibold">
          Create a token
        </h2>
        <TokenCreateForm key={access.workspaceId} workspaceId={access.workspaceId} />
      </section>
      <section className="card space-y-4" aria-labelledby="tokens-heading">
        <div>
          <h2 id="tokens-heading" className="font-semibold">
            {everyone ? "Tokens in this workspace" : "Your tokens"}
          </h2>
          <p className="muted">
            {everyone
              ? "Everyone's tokens: as an admin you can revoke any of them."
              : "Admins of the workspace can see and revoke them too."}
          </p>
        </div>
        <TokenList
          key={access.workspaceId}
          workspaceId={access.workspaceId}
          viewerId={user.id}
          everyone={everyone}
          tokens={tokens.map((t) => ({
            ...t,
            createdAt: t.createdAt.toISOString(),
            expiresAt: iso(t.expiresAt),
            lastUsedAt: iso(t.lastUsedAt),
            revokedAt: iso(t.revokedAt),
          }))}
        />
      </section>
    </div>
  );
}

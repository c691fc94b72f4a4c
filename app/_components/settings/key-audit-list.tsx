import type { AuditAction, KeyScope, LlmProvider } from "@/db/enums";
import { When } from "../ui/when";

/** One audit event as the page shows it, the actor reduced to a name. */
interface AuditRow {
  id: string;
  action: AuditAction;
  provider: LlmProvider | null;
  scope: KeyScope | null;
  keyHint: string | null;
  detail: string | null;
  createdAt: string;
  actor: string | null;
}

const ACTION_LABEL: Record<AuditAction, string> = {
  "key.saved": "Saved",
  "key.replaced": "Replaced",
  "key.deleted": "Removed",
  "key.tested": "Tested",
  "key.decrypt_failed": "Decrypt failed",
  "key.rotated": "Re-encrypted",
  "fallback.allowed": "Instance's keys allowed",
  "fallback.revoked": "Instance's keys withdrawn",
  "budget.set": "Budget set",
  "budget.removed": "Budget removed",
  "token.created": "API token created",
  "token.revoked": "API token revoked",
  "connector.saved": "Connector saved",
  "connector.removed": "Connector removed",
  "mcp.called": "Remote tool called",
  "mcp.denied": "Remote tool denied",
  "privacy.changed": "Privacy changed",
  "trace.downloaded": "Trace downloaded",
};

export function KeyAuditList({ events, pager }: { events: AuditRow[]; pager?: React.ReactNode }) {
  return (
    <section className="card space-y-4" aria-labelledby="keys-audit-heading">
      <div>
        <h2 id="keys-audit-heading" className="font-semibold">
          Key activity
        </h2>
        <p className="muted">Every change and test of this workspace's keys, newest first. Visible to admins and owners.</p>
      </div>
      {events.length === 0 ? (
        <p className="muted">No activity yet.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="key-audit">
            <thead className="text-xs uppercase tracking-wide text-zinc-600 dark:text-zinc-400">
              <tr>
                <th className="py-2 pr-3 font-medium">When · who</th>
                <th className="py-2 pr-3 font-medium">What</th>
                <th className="py-2 font-medium">Key</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
              {events.map((e) => (
                <tr key={e.id}>
                  <td className="py-2 pr-3">
                    <When iso={e.createdAt} />
                    <span className="block text-xs text-zinc-600 dark:text-zinc-400">{e.actor ?? "System"}</span>
                  </td>
                  <td className="py-2 pr-3">
                    {ACTION_LABEL[e.action]}
                    {e.detail && <span className="block text-xs text-zinc-600 dark:text-zinc-400">{e.detail}</span>}
                  </td>
                  <td className="py-2">
                    <span className="whitespace-nowrap font-mono">{e.keyHint ?? "—"}</span>
                    {e.provider && (
                      <span className="block text-xs text-zinc-600 dark:text-zinc-400">
                        {e.provider} · {e.scope}
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pager}
    </section>
  );
}

import { When } from "../ui/when";

interface ActivityRow {
  id: string;
  action: string;
  detail: string | null;
  createdAt: string;
  actor: string | null;
}

/** The latest remote tool calls and denials, as the audit recorded them. */
export function ConnectorActivity({ events }: { events: ActivityRow[] }) {
  return (
    <section className="card space-y-4" aria-labelledby="connector-activity-heading">
      <div>
        <h2 id="connector-activity-heading" className="font-semibold">
          Remote tool calls
        </h2>
        <p className="muted">Every call the assistant made to a connector, and every denial, newest first.</p>
      </div>
      {events.length === 0 ? (
        <p className="muted">No remote tool calls yet.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="connector-activity">
            <thead className="text-xs uppercase tracking-wide text-zinc-600 dark:text-zinc-400">
              <tr>
                <th className="py-2 pr-3 font-medium">When</th>
                <th className="py-2 pr-3 font-medium">What</th>
                <th className="py-2 font-medium">Approved by</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
              {events.map((e) => (
                <tr key={e.id}>
                  <td className="whitespace-nowrap py-2 pr-3 align-top">
                    <When iso={e.createdAt} />
                  </td>
                  <td className="py-2 pr-3">
                    {e.action === "mcp.denied" ? "Denied" : "Called"}
                    {e.detail && <span className="block text-xs text-zinc-600 dark:text-zinc-400">{e.detail}</span>}
                  </td>
                  <td className="py-2 align-top">{e.actor ?? (e.detail?.endsWith("no approval required") ? "Not required" : "—")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

import { apiPaths } from "../api/routes";
import type { CallTrace } from "../api/types";
import { When } from "../ui/when";

/** The kept call traces, each a JSON download. */
export function TraceList({ workspaceId, traces }: { workspaceId: string; traces: CallTrace[] }) {
  return (
    <section className="card space-y-4" aria-labelledby="traces-heading">
      <div>
        <h2 id="traces-heading" className="font-semibold">
          Call traces
        </h2>
        <p className="muted">Each is deleted when its retention ends. Downloads are audited.</p>
      </div>
      {traces.length === 0 ? (
        <p className="muted">No traces kept.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="traces">
            <thead className="text-xs uppercase tracking-wide text-zinc-600 dark:text-zinc-400">
              <tr>
                <th className="py-2 pr-3 font-medium">Call</th>
                <th className="py-2 pr-3 font-medium">Events</th>
                <th className="py-2 pr-3 font-medium">Kept until</th>
                <th className="py-2 font-medium">
                  <span className="sr-only">Download</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
              {traces.map((t) => (
                <tr key={t.callId}>
                  <td className="py-2 pr-3">
                    <When iso={t.startedAt} />
                    <span className="block text-xs text-zinc-600 dark:text-zinc-400">
                      {t.caller?.name ?? t.caller?.email ?? "Phone call"}
                    </span>
                  </td>
                  <td className="py-2 pr-3 tabular-nums">{t.eventCount}</td>
                  <td className="py-2 pr-3">
                    <When iso={t.expiresAt} />
                  </td>
                  <td className="py-2 text-right">
                    <a className="btn-secondary" href={apiPaths.trace(t.callId, workspaceId)} download>
                      Download JSON
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

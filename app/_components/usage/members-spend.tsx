"use client";

import { useState } from "react";
import { apiPaths } from "../api/routes";
import type { MemberSpendRow, MembersSpendResponse } from "../api/types";
import { useApi } from "../api/use-api";
import { formatUsd, formatWhole } from "../ui/format";
import { TableHead } from "../ui/table-head";

const usdOfMicros = (micros: number) => (micros > 0 && micros < 5_000 ? `$${(micros / 1e6).toFixed(4)}` : formatUsd(micros / 1e6));
/** 42 s, 3 min 05 s, 1 h 02 min. */
const formatDuration = (seconds: number) => {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, "0")} s`;
  return `${Math.floor(seconds / 3600)} h ${String(Math.floor((seconds % 3600) / 60)).padStart(2, "0")} min`;
};
const who = (m: MemberSpendRow) => m.name ?? m.email ?? (m.userId ? m.userId : "Former member");

/** Our own ledger per member over the range: voice calls and proxied requests, with our estimated cost. */
export function MembersSpend({ range }: { range: { start: string; end: string } }) {
  const [reload, setReload] = useState(0);
  const state = useApi<MembersSpendResponse>(apiPaths.usageMembers(range), reload);
  const data = state.status === "ok" ? state.data : null;
  return (
    <section className="space-y-3" aria-labelledby="members-spend-heading" data-testid="members-spend">
      <div>
        <h2 id="members-spend-heading" className="text-lg font-semibold">
          Members
        </h2>
        <p className="muted">
          Voice calls and requests proxied through this dashboard, from our own ledger
          {data?.scope === "self" ? " (yours only: admins see every member)" : ""}.{" "}
          <span data-testid="members-cost-source">
            Cost: Estimate — per call, live (list prices of {data?.pricesAsOf ?? "…"}); OpenAI's bill may differ.
          </span>
        </p>
      </div>
      {state.status === "loading" && (
        <div role="status" aria-label="Loading members" className="card h-32 animate-pulse bg-zinc-100 dark:bg-zinc-800" />
      )}
      {state.status === "error" && (
        <div role="alert" className="card space-y-2 border-red-300 dark:border-red-900">
          <p className="font-semibold text-red-700 dark:text-red-400">Could not load the members' ledger</p>
          <p className="muted">{state.error.message}</p>
          <button type="button" className="btn-secondary" onClick={() => setReload((n) => n + 1)}>
            Try again
          </button>
        </div>
      )}
      {data && data.members.length === 0 && (
        <div className="card py-8 text-center">
          <p className="font-semibold">No calls or proxied requests in this range</p>
          <p className="muted mt-1">
            Between {data.start} and {data.end} nobody used the voice assistant or the OpenAI proxies here.
          </p>
        </div>
      )}
      {data && data.members.length > 0 && (
        <div className="card overflow-x-auto p-0">
          <table className="w-full text-left text-sm tabular-nums" data-testid="members-table">
            <caption className="sr-only">
              Usage per member from {data.start} to {data.end}
            </caption>
            <TableHead columns={["Member", "Voice calls", "Call tokens", "Proxied requests", "Estimated cost"]} rightFrom={1} />
            <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
              {data.members.map((m) => (
                <tr key={m.userId ?? "former"} data-testid="member-row" className="align-top">
                  <td className="max-w-48 px-4 py-2">
                    <span className="block truncate font-medium" title={who(m)}>
                      {who(m)}
                    </span>
                    {m.name && m.email && (
                      <span className="block truncate text-xs text-zinc-600 dark:text-zinc-400" title={m.email}>
                        {m.email}
                      </span>
                    )}
                  </td>
                  <td className="whitespace-nowrap px-4 py-2 text-right">
                    <span className="block" data-col="calls">
                      {formatWhole(m.calls.count)}
                    </span>
                    <span
                      className="block text-xs text-zinc-600 dark:text-zinc-400"
                      data-col="duration"
                      title={`${m.calls.minutes} minutes`}
                    >
                      {formatDuration(m.calls.seconds)}
                    </span>
                  </td>
                  <td className="whitespace-nowrap px-4 py-2 text-right">
                    <span className="block">
                      <span data-col="call-input">{formatWhole(m.calls.inputTokens)}</span> in ·{" "}
                      <span data-col="call-output">{formatWhole(m.calls.outputTokens)}</span> out
                    </span>
                    <span className="block text-xs text-zinc-600 dark:text-zinc-400">
                      <span data-col="call-cached">{formatWhole(m.calls.cachedInputTokens)}</span> cached · audio{" "}
                      <span data-col="call-audio">
                        {formatWhole(m.calls.inputAudioTokens)} / {formatWhole(m.calls.outputAudioTokens)}
                      </span>
                    </span>
                  </td>
                  <td className="whitespace-nowrap px-4 py-2 text-right">
                    <span className="block" data-col="requests">
                      {formatWhole(m.proxied.count)}
                      {m.proxied.failed > 0 && <span className="text-xs text-red-700 dark:text-red-400"> ({m.proxied.failed} failed)</span>}
                    </span>
                    <span className="block text-xs text-zinc-600 dark:text-zinc-400" data-col="request-tokens">
                      {formatWhole(m.proxied.inputTokens)} in · {formatWhole(m.proxied.outputTokens)} out
                    </span>
                  </td>
                  <td className="whitespace-nowrap px-4 py-2 text-right">
                    <span className="block font-semibold" data-col="cost">
                      {usdOfMicros(m.costMicros)}
                    </span>
                    <span className="block text-xs text-zinc-600 dark:text-zinc-400">
                      calls {usdOfMicros(m.calls.costMicros)} · requests {usdOfMicros(m.proxied.costMicros)}
                    </span>
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

"use client";

import { useEffect, useState } from "react";
import { apiPaths, hangUpCall, transferPhoneCall } from "../api/routes";
import type { PhoneCall } from "../api/types";
import { useApi } from "../api/use-api";
import { Feedback } from "../ui/feedback";
import { formatUsd, formatWhole } from "../ui/format";
import { When } from "../ui/when";

const POLL_MS = 5_000;

function duration(call: PhoneCall, now: number) {
  const seconds = Math.max(0, Math.round(((call.endedAt ? Date.parse(call.endedAt) : now) - Date.parse(call.startedAt)) / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

/** The workspace's phone calls (masked numbers), refreshed every few seconds; live ones can be hung up or transferred. */
export function PhoneCalls({ workspaceId }: { workspaceId: string }) {
  const [reload, setReload] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const state = useApi<{ calls: PhoneCall[] }>(`${apiPaths.telephonyCalls}?workspaceId=${encodeURIComponent(workspaceId)}`, reload);
  useEffect(() => {
    const timer = setInterval(() => {
      setNow(Date.now());
      setReload((r) => r + 1);
    }, POLL_MS);
    return () => clearInterval(timer);
  }, []);

  const act = async (callId: string, what: () => Promise<unknown>) => {
    setBusy(callId);
    setError(null);
    try {
      await what();
      setReload((r) => r + 1);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(null);
    }
  };

  return (
    <section aria-labelledby="phone-calls-heading" className="space-y-2">
      <h2 id="phone-calls-heading" className="text-base font-semibold">
        Phone calls
      </h2>
      <Feedback error={error} />
      {state.status === "error" && <p className="alert-error">{state.error.message}</p>}
      {state.status === "loading" && reload === 0 && <p className="muted">Loading calls…</p>}
      {state.status === "ok" && state.data.calls.length === 0 && (
        <p className="muted">No phone calls yet. They appear here, live, once OpenAI sends the first one to the webhook.</p>
      )}
      {state.status === "ok" && state.data.calls.length > 0 && (
        <ul className="space-y-2" aria-label="Phone calls">
          {state.data.calls.map((call) => (
            <li key={call.id} className="card flex flex-wrap items-center gap-x-6 gap-y-2 text-sm" data-call-id={call.id}>
              <div className="min-w-40">
                <div className="font-mono">
                  {call.from} → {call.to}
                </div>
                <div className="text-xs text-zinc-600 dark:text-zinc-400">
                  <When iso={call.startedAt} />
                </div>
              </div>
              <div>
                <span className={call.live ? "font-medium text-emerald-700 dark:text-emerald-400" : "text-zinc-600 dark:text-zinc-400"}>
                  {call.live ? "Live" : `Ended (${call.endReason ?? "unknown"})`}
                </span>{" "}
                · {duration(call, now)}
              </div>
              <div className="tabular-nums">
                {formatWhole(call.totalTokens)} tokens · {formatUsd(call.costMicros / 1_000_000)}
              </div>
              {call.live && (
                <div className="ml-auto flex gap-2">
                  <button
                    type="button"
                    className="btn-secondary"
                    disabled={busy === call.id}
                    onClick={() => act(call.id, () => transferPhoneCall(call.id, { workspaceId }))}
                  >
                    Transfer
                  </button>
                  <button
                    type="button"
                    className="btn-danger"
                    disabled={busy === call.id}
                    onClick={() => act(call.id, () => hangUpCall(call.id))}
                  >
                    Hang up
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

import "server-only";
import { flushProxyRequests } from "./record";
import { sql } from "drizzle-orm";
import { getDb } from "@/lib/database";

/** One member's voice calls and proxied requests over a range, from our own ledger (estimates, live). */
export interface MemberSpend {
  /** Null: a member since deleted (their proxied requests stay in the ledger). */
  userId: string | null;
  name: string | null;
  email: string | null;
  calls: {
    count: number;
    /** Call time in whole seconds (a live call counts up to now), and the same in minutes to a tenth. */
    seconds: number;
    minutes: number;
    inputTokens: number;
    outputTokens: number;
    cachedInputTokens: number;
    inputAudioTokens: number;
    outputAudioTokens: number;
    costMicros: number;
  };
  proxied: { count: number; failed: number; inputTokens: number; cachedInputTokens: number; outputTokens: number; costMicros: number };
  costMicros: number;
}

interface Row extends Record<string, unknown> {
  user_id: string | null;
  name: string | null;
  email: string | null;
  calls: string | number | null;
  call_seconds: string | number | null;
  call_input: string | number | null;
  call_output: string | number | null;
  call_cached: string | number | null;
  call_input_audio: string | number | null;
  call_output_audio: string | number | null;
  call_cost: string | number | null;
  requests: string | number | null;
  failed: string | number | null;
  req_input: string | number | null;
  req_cached: string | number | null;
  req_output: string | number | null;
  req_cost: string | number | null;
}

const n = (v: string | number | null) => Number(v ?? 0);

/**
 * Per member of a workspace, for UTC days `start`..`end` (inclusive): voice calls started in the
 * range (count, minutes — a live call counts up to now —, tokens, estimated cost) and requests
 * proxied in it (count, failures, tokens, estimated cost). `userId` narrows it to one member.
 * Dearest first.
 */
export async function memberSpend({
  workspaceId,
  start,
  end,
  userId,
}: {
  workspaceId: string;
  start: string;
  end: string;
  userId?: string;
}): Promise<MemberSpend[]> {
  const from = `${start}T00:00:00Z`;
  const until = new Date(Date.parse(`${end}T00:00:00Z`) + 86_400_000).toISOString();
  const onlyCalls = userId ? sql`and user_id = ${userId}` : sql``;
  await flushProxyRequests();
  const db = await getDb();
  const result = await db.execute<Row>(sql`
    with calls as (
      select user_id, count(*) as calls,
        sum(extract(epoch from (coalesce(ended_at, now()) - started_at))) as call_seconds,
        sum(input_tokens) as call_input, sum(output_tokens) as call_output, sum(cached_input_tokens) as call_cached,
        sum(input_audio_tokens) as call_input_audio, sum(output_audio_tokens) as call_output_audio, sum(cost_micros) as call_cost
      from realtime_calls
      where workspace_id = ${workspaceId} and started_at >= ${from} and started_at < ${until} ${onlyCalls}
      group by user_id
    ),
    -- A deleted member's requests keep a null user_id: grouped under '' and read back as null.
    proxied as (
      select coalesce(user_id, '') as user_id, count(*) as requests, count(*) filter (where status >= 400) as failed,
        sum(input_tokens) as req_input, sum(cached_input_tokens) as req_cached, sum(output_tokens) as req_output, sum(cost_micros) as req_cost
      from proxy_requests
      where workspace_id = ${workspaceId} and created_at >= ${from} and created_at < ${until} ${onlyCalls}
      group by coalesce(user_id, '')
    )
    select nullif(coalesce(c.user_id, p.user_id), '') as user_id, u.name, u.email,
      c.calls, c.call_seconds, c.call_input, c.call_output, c.call_cached, c.call_input_audio, c.call_output_audio, c.call_cost,
      p.requests, p.failed, p.req_input, p.req_cached, p.req_output, p.req_cost
    from calls c
    full outer join proxied p on p.user_id = c.user_id
    left join users u on u.id = coalesce(c.user_id, p.user_id)`);
  const rows = (result as unknown as { rows: Row[] }).rows;
  return rows
    .map((r) => {
      const calls = {
        count: n(r.calls),
        seconds: Math.round(n(r.call_seconds)),
        minutes: Math.round((n(r.call_seconds) / 60) * 10) / 10,
        inputTokens: n(r.call_input),
        outputTokens: n(r.call_output),
        cachedInputTokens: n(r.call_cached),
        inputAudioTokens: n(r.call_input_audio),
        outputAudioTokens: n(r.call_output_audio),
        costMicros: n(r.call_cost),
      };
      const proxied = {
        count: n(r.requests),
        failed: n(r.failed),
        inputTokens: n(r.req_input),
        cachedInputTokens: n(r.req_cached),
        outputTokens: n(r.req_output),
        costMicros: n(r.req_cost),
      };
      return { userId: r.user_id, name: r.name, email: r.email, calls, proxied, costMicros: calls.costMicros + proxied.costMicros };
    })
    .sort((a, b) => b.costMicros - a.costMicros || b.calls.count + b.proxied.count - (a.calls.count + a.proxied.count));
}

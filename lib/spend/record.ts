import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/lib/database";
import { WHOLE_WORKSPACE } from "@/db/schema";
import { estimateCostMicros, type RealtimeUsage, tokenCountsFromUsage } from "./prices";

/** First day of the UTC month of `at`, as the `spend_months.month` key (YYYY-MM-01). */
export const monthOf = (at: Date) => `${at.toISOString().slice(0, 7)}-01`;

/** Month-to-date spend after a write: the workspace's and the member's, in millionths of a dollar. */
export interface SpendTotals {
  workspaceId: string;
  userId: string;
  workspaceMicros: number;
  memberMicros: number;
  /** What this write added (the totals before it were each this much lower). */
  costMicros: number;
}

interface TotalsRow extends Record<string, unknown> {
  workspace_id: string;
  user_id: string;
  workspace_micros: string | number;
  member_micros: string | number;
}

const toTotals = (row: TotalsRow | undefined, costMicros: number): SpendTotals | null =>
  row
    ? {
        workspaceId: row.workspace_id,
        userId: row.user_id,
        workspaceMicros: Number(row.workspace_micros),
        memberMicros: Number(row.member_micros),
        costMicros,
      }
    : null;

/**
 * Adds one `response.done`'s tokens and estimated cost to its call and to the month's running
 * totals (the workspace's and the caller's) in one statement; returns the new totals (null when the
 * call is unknown).
 */
export async function recordCallUsage({ callId, model, usage }: { callId: string; model: string; usage: RealtimeUsage }) {
  const tokens = tokenCountsFromUsage(usage);
  const cost = estimateCostMicros(model, tokens);
  const db = await getDb();
  const result = await db.execute<TotalsRow>(sql`
    with call as (
      update realtime_calls set
        responses = responses + 1,
        input_tokens = input_tokens + ${usage.input_tokens ?? 0},
        output_tokens = output_tokens + ${usage.output_tokens ?? 0},
        total_tokens = total_tokens + ${usage.total_tokens ?? 0},
        cached_input_tokens = cached_input_tokens + ${tokens.cachedTextTokens + tokens.cachedAudioTokens},
        input_audio_tokens = input_audio_tokens + ${tokens.inputAudioTokens},
        output_audio_tokens = output_audio_tokens + ${tokens.outputAudioTokens},
        cost_micros = cost_micros + ${cost}
      where id = ${callId}
      returning workspace_id, user_id
    )${addToMonth(cost)}`);
  return toTotals((result as unknown as { rows: TotalsRow[] }).rows[0], cost);
}

/** A priced request proxied for a member: one ledger row and the month's totals, in one statement. */
export async function recordProxyRequest({
  workspaceId,
  userId,
  route,
  model,
  status,
  usage,
}: {
  workspaceId: string;
  userId: string;
  route: string;
  model?: string | null;
  status: number;
  usage?: RealtimeUsage | null;
}) {
  const tokens = usage ? tokenCountsFromUsage(usage) : null;
  const cost = model && tokens ? estimateCostMicros(model, tokens) : 0;
  const db = await getDb();
  const result = await db.execute<TotalsRow>(sql`
    with call as (
      insert into proxy_requests (id, workspace_id, user_id, route, model, status, input_tokens, cached_input_tokens, output_tokens, cost_micros)
      values (${crypto.randomUUID()}, ${workspaceId}, ${userId}, ${route}, ${model ?? null}, ${status},
        ${usage?.input_tokens ?? 0}, ${tokens ? tokens.cachedTextTokens + tokens.cachedAudioTokens : 0}, ${usage?.output_tokens ?? 0}, ${cost})
      returning workspace_id, user_id
    )${addToMonth(cost)}`);
  return toTotals((result as unknown as { rows: TotalsRow[] }).rows[0], cost);
}

/** The tail shared by both writes: bump the workspace's and the member's month rows of `call`. */
const addToMonth = (cost: number) => sql`,
    bumped as (
      insert into spend_months (workspace_id, user_id, month, cost_micros)
      select call.workspace_id, who.user_id, ${monthOf(new Date())}, ${cost}
      from call cross join lateral (values (${WHOLE_WORKSPACE}::text), (call.user_id)) as who(user_id)
      on conflict (workspace_id, user_id, month) do update set cost_micros = spend_months.cost_micros + excluded.cost_micros
      returning user_id, cost_micros
    )
    select call.workspace_id, call.user_id,
      (select cost_micros from bumped where user_id = ${WHOLE_WORKSPACE}) as workspace_micros,
      (select cost_micros from bumped where user_id <> ${WHOLE_WORKSPACE}) as member_micros
    from call`;

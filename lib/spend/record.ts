import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/lib/database";
import { proxyRequests, WHOLE_WORKSPACE } from "@/db/schema";
import { estimateCostMicros, type RealtimeUsage, tokenCountsFromUsage } from "./prices";

/** First day of the UTC month of `at`, as the `spend_months.month` key (YYYY-MM-01). */
export const monthOf = (at: Date) => `${at.toISOString().slice(0, 7)}-01`;

/** Month-to-date spend after a write: the workspace's and the member's, in millionths of a dollar. */
export interface SpendTotals {
  workspaceId: string;
  /** Null for a phone call (no member placed it): only the workspace's total moved. */
  userId: string | null;
  workspaceMicros: number;
  memberMicros: number;
  /** What this write added (the totals before it were each this much lower). */
  costMicros: number;
}

interface TotalsRow extends Record<string, unknown> {
  workspace_id: string;
  user_id: string | null;
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

/**
 * A request proxied for a member. One that cost something is written at once with the month's
 * totals (one statement) and returns them, for the budget check. One that cost nothing (a model
 * list, a minted client secret) moves no total: its row joins a batch written by one multi-row
 * INSERT per flush (the hot path's requests would otherwise cost a write each), and the promise
 * settles with null once it is written.
 */
export async function recordProxyRequest({
  workspaceId,
  userId,
  route,
  model,
  status,
  usage,
  apiTokenId = null,
}: {
  workspaceId: string;
  userId: string;
  /** The personal access token the request came with, if any. */
  apiTokenId?: string | null;
  route: string;
  model?: string | null;
  status: number;
  usage?: RealtimeUsage | null;
}): Promise<SpendTotals | null> {
  const tokens = usage ? tokenCountsFromUsage(usage) : null;
  const cost = model && tokens ? estimateCostMicros(model, tokens) : 0;
  const row: ProxyRequestRow = {
    id: crypto.randomUUID(),
    workspaceId,
    userId,
    route,
    model: model ?? null,
    status,
    inputTokens: usage?.input_tokens ?? 0,
    cachedInputTokens: tokens ? tokens.cachedTextTokens + tokens.cachedAudioTokens : 0,
    outputTokens: usage?.output_tokens ?? 0,
    costMicros: cost,
    apiTokenId,
  };
  if (cost === 0) return queueFreeRequest(row).then(() => null);
  const db = await getDb();
  const result = await db.execute<TotalsRow>(sql`
    with call as (
      insert into proxy_requests (id, workspace_id, user_id, route, model, status, input_tokens, cached_input_tokens, output_tokens, cost_micros, api_token_id)
      values (${row.id}, ${workspaceId}, ${userId}, ${route}, ${row.model}, ${status},
        ${row.inputTokens}, ${row.cachedInputTokens}, ${row.outputTokens}, ${cost}, ${apiTokenId})
      returning workspace_id, user_id
    )${addToMonth(cost)}`);
  return toTotals((result as unknown as { rows: TotalsRow[] }).rows[0], cost);
}

type ProxyRequestRow = Omit<typeof proxyRequests.$inferInsert, "createdAt">;

// Rows of free requests waiting for the next flush (as lib/metrics/record.ts batches route metrics).
const FLUSH_AFTER_MS = 250;
let batch: ProxyRequestRow[] = [];
let nextFlush: Promise<void> | null = null;

function queueFreeRequest(row: ProxyRequestRow): Promise<void> {
  batch.push(row);
  nextFlush ??= new Promise((resolve, reject) => setTimeout(() => flushProxyRequests().then(resolve, reject), FLUSH_AFTER_MS));
  return nextFlush;
}

/** Writes the batched rows now; readers of the ledger call it so that they see this process's latest requests. */
export async function flushProxyRequests(): Promise<void> {
  nextFlush = null;
  if (batch.length === 0) return;
  const rows = batch;
  batch = [];
  const db = await getDb();
  await db.insert(proxyRequests).values(rows);
}

/** The tail shared by both writes: bump the workspace's and the member's month rows of `call`. */
const addToMonth = (cost: number) => sql`,
    bumped as (
      insert into spend_months (workspace_id, user_id, month, cost_micros)
      select call.workspace_id, who.user_id, ${monthOf(new Date())}, ${cost}
      from call cross join lateral (values (${WHOLE_WORKSPACE}::text), (call.user_id)) as who(user_id)
      where who.user_id is not null
      on conflict (workspace_id, user_id, month) do update set cost_micros = spend_months.cost_micros + excluded.cost_micros
      returning user_id, cost_micros
    )
    select call.workspace_id, call.user_id,
      (select cost_micros from bumped where user_id = ${WHOLE_WORKSPACE}) as workspace_micros,
      (select cost_micros from bumped where user_id <> ${WHOLE_WORKSPACE}) as member_micros
    from call`;

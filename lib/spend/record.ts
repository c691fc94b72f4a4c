import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/lib/database";
import { type proxyRequests, WHOLE_WORKSPACE } from "@/db/schema";
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
 * A request proxied for a member. Its row joins a batch written by one statement per flush (the
 * hot path's requests would otherwise cost a write each): the rows, and the month's totals of the
 * workspaces and members whose requests cost something. The promise settles once the batch is
 * written: with the month's totals after it for the first priced request of its member in the batch
 * (for the budget check, which then sees the batch's whole cost at once), else null.
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
  return queueRequest({
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
  });
}

type ProxyRequestRow = Omit<typeof proxyRequests.$inferInsert, "createdAt"> & { userId: string; costMicros: number };

interface Queued {
  row: ProxyRequestRow;
  settle: (totals: SpendTotals | null) => void;
  fail: (error: unknown) => void;
}

// Rows waiting for the next flush (as lib/metrics/record.ts batches route metrics). Flushes run one
// after another, so a reader's flush also waits for one already under way.
const FLUSH_AFTER_MS = 250;
// Eleven parameters a row: well below PostgreSQL's 65,535 a statement.
const ROWS_PER_STATEMENT = 2_000;
let batch: Queued[] = [];
let timer: ReturnType<typeof setTimeout> | null = null;
let writing: Promise<void> = Promise.resolve();

function queueRequest(row: ProxyRequestRow): Promise<SpendTotals | null> {
  return new Promise((settle, fail) => {
    batch.push({ row, settle, fail });
    timer ??= setTimeout(() => flushProxyRequests().catch(() => {}), FLUSH_AFTER_MS);
  });
}

/** Writes the batched rows now; readers of the ledger call it so that they see this process's latest requests. */
export function flushProxyRequests(): Promise<void> {
  if (timer) clearTimeout(timer);
  timer = null;
  const queued = batch;
  batch = [];
  const run = writing.then(async () => {
    for (let i = 0; i < queued.length; i += ROWS_PER_STATEMENT) await writeBatch(queued.slice(i, i + ROWS_PER_STATEMENT));
  });
  writing = run.catch(() => {});
  return run;
}

interface BatchTotalsRow extends TotalsRow {
  cost_micros: string | number;
}

async function writeBatch(queued: Queued[]): Promise<void> {
  const values = sql.join(
    queued.map(
      ({ row: r }) =>
        sql`(${r.id}, ${r.workspaceId}, ${r.userId}, ${r.route}, ${r.model}, ${r.status}, ${r.inputTokens}, ${r.cachedInputTokens}, ${r.outputTokens}, ${r.costMicros}, ${r.apiTokenId})`,
    ),
    sql`, `,
  );
  let rows: BatchTotalsRow[];
  try {
    const db = await getDb();
    const result = await db.execute<BatchTotalsRow>(sql`
      with inserted as (
        insert into proxy_requests (id, workspace_id, user_id, route, model, status, input_tokens, cached_input_tokens, output_tokens, cost_micros, api_token_id)
        values ${values}
        returning workspace_id, user_id, cost_micros
      ),
      spent as (
        select workspace_id, user_id, sum(cost_micros) as cost_micros from inserted where cost_micros > 0 group by workspace_id, user_id
      ),
      bumped as (
        insert into spend_months (workspace_id, user_id, month, cost_micros)
        select spent.workspace_id, who.user_id, ${monthOf(new Date())}, sum(spent.cost_micros)
        from spent cross join lateral (values (${WHOLE_WORKSPACE}::text), (spent.user_id)) as who(user_id)
        group by spent.workspace_id, who.user_id
        on conflict (workspace_id, user_id, month) do update set cost_micros = spend_months.cost_micros + excluded.cost_micros
        returning workspace_id, user_id, cost_micros
      )
      select spent.workspace_id, spent.user_id, spent.cost_micros,
        (select b.cost_micros from bumped b where b.workspace_id = spent.workspace_id and b.user_id = ${WHOLE_WORKSPACE}) as workspace_micros,
        (select b.cost_micros from bumped b where b.workspace_id = spent.workspace_id and b.user_id = spent.user_id) as member_micros
      from spent`);
    rows = (result as unknown as { rows: BatchTotalsRow[] }).rows;
  } catch (error) {
    for (const q of queued) q.fail(error);
    throw error;
  }
  const totals = new Map(rows.map((row) => [`${row.workspace_id} ${row.user_id}`, toTotals(row, Number(row.cost_micros))]));
  for (const { row, settle } of queued) {
    const key = `${row.workspaceId} ${row.userId}`;
    // Only the first priced request of a member carries the totals: the budget check runs once for the batch.
    const mine = row.costMicros > 0 ? totals.get(key) : undefined;
    if (mine) totals.delete(key);
    settle(mine ?? null);
  }
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

import "server-only";
import { sql } from "drizzle-orm";
import { WHOLE_WORKSPACE } from "@/db/schema";
import { getDb } from "@/lib/database";
import { flushMetrics } from "@/lib/metrics/record";
import { flushProxyRequests, monthOf } from "@/lib/spend/record";
import { instanceKeyServes, type KeyInUse, pickKeyInUse } from "@/lib/vault/resolve";

// What the Overview shows of one workspace, read in one statement: the month's estimated spend
// against its budget, today's voice calls, the last hour's error rates, the key its calls use and
// how far its setup has come. Workspace-level figures only: which members were active, or whose
// personal key is whose, never leaves this module (the viewer's own personal key excepted).

/** Routes that only read the dashboard's own figures: polling them is not traffic worth a rate. */
const SELF_ROUTES = ["ops_metrics", "prometheus_metrics"];
const HOUR_MS = 3_600_000;

export interface WorkspaceOverview {
  workspaceId: string;
  generatedAt: string;
  spend: {
    /** First day of the UTC month, YYYY-MM-01. */
    month: string;
    /** Our estimate (voice calls and proxied requests, priced by lib/spend/prices.ts), not OpenAI's bill. */
    spentMicros: number;
    /** The whole workspace's monthly budget; null when none is set. */
    budgetMicros: number | null;
    /** When the month's spend starts again from zero: the first of the next UTC month. */
    resetsAt: string;
  };
  calls: {
    /** Voice calls started since 00:00 UTC. */
    today: number;
    /** Members who placed a voice call or a proxied request since 00:00 UTC. */
    activeMembersToday: number;
    /** Calls not yet ended. */
    live: number;
    since: string;
  };
  errors: {
    /** API requests of this workspace in the last hour, the dashboard's own polling left out. */
    requests: number;
    rate429: number;
    rate5xx: number;
    since: string;
  };
  key: {
    /** Which OpenAI API key the viewer's calls in this workspace use. */
    inUse: KeyInUse;
    /** When that key last served a call (the instance's key is not tracked: null). */
    lastUsedAt: string | null;
    /** Which Admin key (usage and costs) the viewer's reads use. */
    adminInUse: KeyInUse;
  };
  checklist: {
    key: boolean;
    assistant: boolean;
    team: boolean;
    budget: boolean;
  };
}

interface Row extends Record<string, unknown> {
  fallback_allowed: boolean;
  spent_micros: string | number | null;
  budget_micros: string | number | null;
  any_budget: boolean;
  calls_today: string | number;
  active_today: string | number;
  live_calls: string | number;
  any_call: boolean;
  other_members: boolean;
  open_invite: boolean;
  requests: string | number;
  requests_429: string | number;
  requests_5xx: string | number;
  keys: Array<{ provider: string; scope: "workspace" | "personal"; last_used_at: string | null }> | string | null;
}

const startOfUtcDay = (at: Date) => new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
const startOfNextUtcMonth = (at: Date) => new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1));
const iso = (value: string | Date | null | undefined) => (value ? new Date(value).toISOString() : null);

/**
 * The Overview of `workspaceId` as `userId` sees it. The caller has checked that `userId` is a
 * member; null when the workspace does not exist (any more).
 */
export async function workspaceOverview({
  workspaceId,
  userId,
  now = new Date(),
}: {
  workspaceId: string;
  userId: string;
  now?: Date;
}): Promise<WorkspaceOverview | null> {
  // Requests this process has counted or ledgered but not yet written belong in today's figures too.
  await Promise.all([flushMetrics(), flushProxyRequests()]);
  const day = startOfUtcDay(now).toISOString();
  const hourAgo = new Date(now.getTime() - HOUR_MS).toISOString();
  const at = now.toISOString();
  const db = await getDb();
  const result = await db.execute<Row>(sql`
    select
      w.fallback_keys_allowed as fallback_allowed,
      (select cost_micros from spend_months
        where workspace_id = w.id and user_id = ${WHOLE_WORKSPACE} and month = ${monthOf(now)}) as spent_micros,
      (select monthly_limit_micros from budgets where workspace_id = w.id and user_id = ${WHOLE_WORKSPACE}) as budget_micros,
      exists (select 1 from budgets where workspace_id = w.id) as any_budget,
      (select count(*) from realtime_calls where workspace_id = w.id and started_at >= ${day}::timestamptz) as calls_today,
      (select count(distinct user_id) from (
        select user_id from realtime_calls where workspace_id = w.id and started_at >= ${day}::timestamptz
        union
        select user_id from proxy_requests where workspace_id = w.id and created_at >= ${day}::timestamptz and user_id is not null
      ) active) as active_today,
      (select count(*) from realtime_calls where workspace_id = w.id and ended_at is null
        and (deadline_at is null or deadline_at > ${at}::timestamptz)) as live_calls,
      exists (select 1 from realtime_calls where workspace_id = w.id) as any_call,
      exists (select 1 from memberships where workspace_id = w.id and user_id <> ${userId}) as other_members,
      exists (select 1 from invites where workspace_id = w.id and accepted_at is null and revoked_at is null
        and expires_at > ${at}::timestamptz) as open_invite,
      m.requests, m.requests_429, m.requests_5xx,
      (select json_agg(json_build_object('provider', provider, 'scope', scope, 'last_used_at', last_used_at))
        from llm_keys where workspace_id = w.id and (scope = 'workspace' or owner_user_id = ${userId})) as keys
    from workspaces w
    cross join lateral (
      select coalesce(sum(count), 0) as requests,
             coalesce(sum(count) filter (where status_class = '429'), 0) as requests_429,
             coalesce(sum(count) filter (where status_class = '5xx'), 0) as requests_5xx
      from route_metrics
      where workspace_id = w.id and minute >= ${hourAgo}::timestamptz
        and route not in (${sql.join(
          SELF_ROUTES.map((r) => sql`${r}`),
          sql`, `,
        )})
    ) m
    where w.id = ${workspaceId}`);
  const row = (result as unknown as { rows: Row[] }).rows[0];
  if (!row) return null;

  const keys = (typeof row.keys === "string" ? JSON.parse(row.keys) : (row.keys ?? [])) as Exclude<Row["keys"], string | null>;
  const inUseOf = (provider: "openai" | "openai-admin") =>
    pickKeyInUse({
      scopes: keys.filter((k) => k.provider === provider).map((k) => k.scope),
      instanceKeyAvailable: instanceKeyServes({ workspaceId, provider, allowedInDatabase: row.fallback_allowed }),
    });
  const inUse = inUseOf("openai");
  const usedKey =
    inUse === "personal" || inUse === "workspace" ? keys.find((k) => k.provider === "openai" && k.scope === inUse) : undefined;
  const requests = Number(row.requests);
  const spentMicros = Number(row.spent_micros ?? 0);

  return {
    workspaceId,
    generatedAt: at,
    spend: {
      month: monthOf(now),
      spentMicros,
      budgetMicros: row.budget_micros === null ? null : Number(row.budget_micros),
      resetsAt: startOfNextUtcMonth(now).toISOString(),
    },
    calls: {
      today: Number(row.calls_today),
      activeMembersToday: Number(row.active_today),
      live: Number(row.live_calls),
      since: day,
    },
    errors: {
      requests,
      rate429: requests ? Number(row.requests_429) / requests : 0,
      rate5xx: requests ? Number(row.requests_5xx) / requests : 0,
      since: hourAgo,
    },
    key: { inUse, lastUsedAt: iso(usedKey?.last_used_at), adminInUse: inUseOf("openai-admin") },
    checklist: {
      key: inUse !== "none",
      assistant: Boolean(row.any_call),
      team: Boolean(row.other_members || row.open_invite),
      budget: Boolean(row.any_budget),
    },
  };
}

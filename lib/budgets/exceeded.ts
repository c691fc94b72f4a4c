import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { WHOLE_WORKSPACE } from "@/db/schema";
import { getDb } from "@/lib/database";
import { AppError } from "@/lib/errors";
import { monthOf } from "@/lib/spend/record";
import { dayAndMonth, formatUsd, monthName, resetsAt, usdOfMicros } from "./money";
import type { BudgetExceededDetails } from "./schemas";

/** A budget whose month-to-date spend has reached its limit. */
export interface ReachedBudget {
  scope: "workspace" | "member";
  limitMicros: number;
  spentMicros: number;
}

export interface OverBudgetRow extends Record<string, unknown> {
  budget_user_id: string | null;
  limit_micros: string | number | null;
  spent_micros: string | number | null;
}

/**
 * A CTE `over_budget` for a statement that has a CTE `access` (one row: `workspace_id`): the
 * workspace's or the member's monthly budget that this month's spend has reached, the workspace's
 * first; no row when neither has. Two primary-key lookups in `budgets`, two in `spend_months`. No
 * cache anywhere: a raised budget lifts the block on the very next request.
 */
export const overBudgetCte = ({ userId, at }: { userId: string; at: Date }): SQL => sql`over_budget as (
      select b.user_id as budget_user_id, b.monthly_limit_micros as limit_micros, coalesce(s.cost_micros, 0) as spent_micros
      from access
      join budgets b on b.workspace_id = access.workspace_id and b.user_id in (${WHOLE_WORKSPACE}, ${userId})
      left join spend_months s on s.workspace_id = b.workspace_id and s.user_id = b.user_id and s.month = ${monthOf(at)}
      where coalesce(s.cost_micros, 0) >= b.monthly_limit_micros
      order by b.user_id = ${WHOLE_WORKSPACE} desc
      limit 1
    )`;

/** Reads the columns `over_budget` yields (null when no budget is reached). */
export function reachedFromRow(row: OverBudgetRow | undefined): ReachedBudget | null {
  if (!row || row.budget_user_id === null || row.budget_user_id === undefined || row.limit_micros === null) return null;
  return {
    scope: row.budget_user_id === WHOLE_WORKSPACE ? "workspace" : "member",
    limitMicros: Number(row.limit_micros),
    spentMicros: Number(row.spent_micros ?? 0),
  };
}

/** The same check on its own (the admission's rare fallback path, where the statement had no workspace). */
export async function findReachedBudget({ workspaceId, userId, at }: { workspaceId: string; userId: string; at: Date }) {
  const db = await getDb();
  const result = await db.execute<OverBudgetRow>(sql`
    with access as (select ${workspaceId}::text as workspace_id), ${overBudgetCte({ userId, at })}
    select budget_user_id, limit_micros, spent_micros from over_budget`);
  return reachedFromRow((result as unknown as { rows: OverBudgetRow[] }).rows[0]);
}

/** 402 budget_exceeded: whose budget, how much of it is spent, and when it starts again. */
export function budgetExceeded({ reached, at }: { reached: ReachedBudget; at: Date }): AppError {
  const resets = resetsAt(at);
  const details: BudgetExceededDetails = {
    scope: reached.scope,
    budgetUsd: usdOfMicros(reached.limitMicros),
    spentUsd: usdOfMicros(reached.spentMicros),
    resetsAt: resets.toISOString(),
  };
  const spent = formatUsd(reached.spentMicros);
  const limit = formatUsd(reached.limitMicros);
  const month = monthName(at);
  const message =
    reached.scope === "workspace"
      ? `This workspace has spent ${spent} of its ${limit} budget for ${month}; it resets on ${dayAndMonth(resets)}. An admin can raise it in Settings → Budgets.`
      : `You have spent ${spent} of your ${limit} budget for ${month} in this workspace; it resets on ${dayAndMonth(resets)}. An admin can raise it in Settings → Budgets.`;
  return new AppError("budget_exceeded", message, details);
}

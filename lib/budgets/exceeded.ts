import "server-only";
import { sql } from "drizzle-orm";
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
 * Reads the budget columns of the admission statement or of `findReachedBudget` (null when no
 * budget is reached). Both come from the database function opencto_reached_budget (migration 0011;
 * '' is WHOLE_WORKSPACE there): the workspace's or the member's budget that this month's spend has
 * reached, the workspace's first. No cache anywhere: a raised budget lifts the block at once.
 */
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
    select budget_user_id, limit_micros, spent_micros from opencto_reached_budget(${workspaceId}::text, ${userId}::text, ${monthOf(at)}::date)`);
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

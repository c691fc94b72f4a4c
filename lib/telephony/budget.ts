import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/lib/database";
import { budgets, spendMonths, WHOLE_WORKSPACE } from "@/db/schema";
import { monthOf } from "@/lib/spend/record";

// Read here rather than through lib/budgets (built in parallel): a phone call has no member, so
// only the workspace's own monthly budget applies. Replace with lib/budgets once it is on main.

/** Whether the workspace's monthly budget (if it has one) is used up this month. */
export async function workspaceOverBudget(workspaceId: string, now = new Date()): Promise<boolean> {
  const db = await getDb();
  const [row] = await db
    .select({ limit: budgets.monthlyLimitMicros, spent: spendMonths.costMicros })
    .from(budgets)
    .leftJoin(
      spendMonths,
      and(eq(spendMonths.workspaceId, budgets.workspaceId), eq(spendMonths.userId, WHOLE_WORKSPACE), eq(spendMonths.month, monthOf(now))),
    )
    .where(and(eq(budgets.workspaceId, workspaceId), eq(budgets.userId, WHOLE_WORKSPACE)));
  return row !== undefined && (row.spent ?? 0) >= row.limit;
}

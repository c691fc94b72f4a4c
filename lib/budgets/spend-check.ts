import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { budgets, WHOLE_WORKSPACE } from "@/db/schema";
import { getDb } from "@/lib/database";
import { log } from "@/lib/log";
import type { SpendTotals } from "@/lib/spend/record";
import { sendBudgetAlert } from "./alerts";
import type { ReachedBudget } from "./exceeded";

/** Alert thresholds, in percent of a budget. */
export const ALERT_THRESHOLDS = [80, 100] as const;

export interface Crossing {
  scope: "workspace" | "member";
  threshold: (typeof ALERT_THRESHOLDS)[number];
  limitMicros: number;
  spentMicros: number;
}

/** Which thresholds one write of `costMicros` crossed, going from `spent - cost` to `spent`. */
export function crossings({
  scope,
  limitMicros,
  spentMicros,
  costMicros,
}: {
  scope: Crossing["scope"];
  limitMicros: number;
  spentMicros: number;
  costMicros: number;
}): Crossing[] {
  if (costMicros <= 0) return [];
  const before = spentMicros - costMicros;
  return ALERT_THRESHOLDS.filter((t) => {
    const line = (limitMicros * t) / 100;
    return before < line && spentMicros >= line;
  }).map((threshold) => ({ scope, threshold, limitMicros, spentMicros }));
}

/**
 * After a spend was recorded (a voice response, a proxied request): the budgets it crossed 80 % or
 * 100 % of are alerted (once per budget, threshold and month, by lib/notify), and the budget this
 * write reached, if any, is returned so a live call can be ended. Writes that cost nothing read
 * nothing.
 */
export async function checkSpend({ totals, at = new Date() }: { totals: SpendTotals | null; at?: Date }): Promise<{
  reached: ReachedBudget | null;
  alerts: Promise<unknown>;
}> {
  if (!totals || totals.costMicros <= 0) return { reached: null, alerts: Promise.resolve() };
  const db = await getDb();
  const rows = await db
    .select({ userId: budgets.userId, limitMicros: budgets.monthlyLimitMicros })
    .from(budgets)
    .where(and(eq(budgets.workspaceId, totals.workspaceId), inArray(budgets.userId, [WHOLE_WORKSPACE, totals.userId])));
  const lines = rows.map((row) =>
    row.userId === WHOLE_WORKSPACE
      ? { scope: "workspace" as const, limitMicros: row.limitMicros, spentMicros: totals.workspaceMicros }
      : { scope: "member" as const, limitMicros: row.limitMicros, spentMicros: totals.memberMicros },
  );
  const crossed = lines.flatMap((line) => crossings({ ...line, costMicros: totals.costMicros }));
  const alerts = Promise.all(
    crossed.map((crossing) =>
      sendBudgetAlert({ workspaceId: totals.workspaceId, userId: totals.userId, crossing, at }).catch((error) =>
        log("warn", "budget_alert_failed", {
          workspaceId: totals.workspaceId,
          scope: crossing.scope,
          threshold: crossing.threshold,
          cause: String(error),
        }),
      ),
    ),
  );
  const reached =
    lines.sort((a, b) => (a.scope === "workspace" ? -1 : b.scope === "workspace" ? 1 : 0)).find((l) => l.spentMicros >= l.limitMicros) ??
    null;
  return { reached, alerts };
}

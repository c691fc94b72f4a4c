import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { budgets, memberships, users, WHOLE_WORKSPACE } from "@/db/schema";
import { listAuditEvents, recordAuditEvent } from "@/lib/audit/events";
import { getDb } from "@/lib/database";
import { notFound } from "@/lib/errors";
import { monthOf } from "@/lib/spend/record";
import { formatUsd, microsOfUsd, resetsAt, usdOfMicros } from "./money";
import type { BudgetLineView, BudgetsView } from "./schemas";

interface LineRow extends Record<string, unknown> {
  user_id: string;
  name: string | null;
  email: string | null;
  role: string | null;
  limit_micros: string | number | null;
  spent_micros: string | number | null;
  updated_at: string | Date | null;
}

const toLine = (row: LineRow): BudgetLineView => ({
  userId: row.user_id,
  name: row.name,
  email: row.email,
  role: row.role,
  limitUsd: row.limit_micros === null ? null : usdOfMicros(Number(row.limit_micros)),
  spentUsd: usdOfMicros(Number(row.spent_micros ?? 0)),
  updatedAt: row.updated_at === null ? null : new Date(row.updated_at).toISOString(),
});

/**
 * The workspace's budget and its members' (every member, budget or not), each with this month's
 * estimated spend. `onlyUserId` narrows the members to one (what a member may see of their own).
 */
export async function listBudgets({
  workspaceId,
  onlyUserId,
  at = new Date(),
}: {
  workspaceId: string;
  onlyUserId?: string;
  at?: Date;
}): Promise<BudgetsView> {
  const db = await getDb();
  const month = monthOf(at);
  const result = await db.execute<LineRow>(sql`
    with scopes as (
      select ${WHOLE_WORKSPACE}::text as user_id, null::text as name, null::text as email, null::text as role, 0 as sort
      union all
      select m.user_id, u.name, u.email, m.role, 1 as sort
      from memberships m join users u on u.id = m.user_id
      where m.workspace_id = ${workspaceId} ${onlyUserId === undefined ? sql`` : sql`and m.user_id = ${onlyUserId}`}
    )
    select scopes.user_id, scopes.name, scopes.email, scopes.role,
      b.monthly_limit_micros as limit_micros, b.updated_at, s.cost_micros as spent_micros
    from scopes
    left join budgets b on b.workspace_id = ${workspaceId} and b.user_id = scopes.user_id
    left join spend_months s on s.workspace_id = ${workspaceId} and s.user_id = scopes.user_id and s.month = ${month}
    order by scopes.sort, lower(coalesce(scopes.name, scopes.email, '')), scopes.user_id`);
  const rows = (result as unknown as { rows: LineRow[] }).rows.map(toLine);
  const [workspace, ...members] = rows;
  if (!workspace) throw new Error("budget scopes query returned no workspace row");
  return { workspaceId, month, resetsAt: resetsAt(at).toISOString(), workspace, members };
}

async function memberLabel({ workspaceId, userId }: { workspaceId: string; userId: string }): Promise<string> {
  const db = await getDb();
  const [row] = await db
    .select({ name: users.name, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
  if (!row) throw notFound("No such member in this workspace.");
  return row.email ?? row.name ?? userId;
}

const whose = async ({ workspaceId, userId }: { workspaceId: string; userId: string }) =>
  userId === WHOLE_WORKSPACE ? "The workspace's budget" : `The budget of ${await memberLabel({ workspaceId, userId })}`;

/** Sets the workspace's (userId "") or a member's monthly budget, audited. Takes effect on the next request. */
export async function setBudget({
  workspaceId,
  userId = WHOLE_WORKSPACE,
  limitUsd,
  actorUserId,
}: {
  workspaceId: string;
  userId?: string;
  limitUsd: number;
  actorUserId: string;
}) {
  const label = await whose({ workspaceId, userId });
  const limitMicros = microsOfUsd(limitUsd);
  const db = await getDb();
  const [before] = await db
    .select({ limit: budgets.monthlyLimitMicros })
    .from(budgets)
    .where(and(eq(budgets.workspaceId, workspaceId), eq(budgets.userId, userId)));
  const values = { monthlyLimitMicros: limitMicros, updatedBy: actorUserId, updatedAt: new Date() };
  await db
    .insert(budgets)
    .values({ workspaceId, userId, ...values })
    .onConflictDoUpdate({ target: [budgets.workspaceId, budgets.userId], set: values });
  await recordAuditEvent({
    workspaceId,
    actorUserId,
    action: "budget.set",
    detail: `${label}: ${formatUsd(limitMicros)} a month${before ? ` (was ${formatUsd(before.limit)})` : ""}`,
  });
  return listBudgets({ workspaceId });
}

/** Removes a budget (no limit from then on), audited; 404 when there was none. */
export async function removeBudget({
  workspaceId,
  userId = WHOLE_WORKSPACE,
  actorUserId,
}: {
  workspaceId: string;
  userId?: string;
  actorUserId: string;
}) {
  const db = await getDb();
  const [removed] = await db
    .delete(budgets)
    .where(and(eq(budgets.workspaceId, workspaceId), eq(budgets.userId, userId)))
    .returning();
  if (!removed) throw notFound(userId === WHOLE_WORKSPACE ? "This workspace has no budget." : "This member has no budget.");
  const label = await whose({ workspaceId, userId }).catch(() => `The budget of a former member`);
  await recordAuditEvent({
    workspaceId,
    actorUserId,
    action: "budget.removed",
    detail: `${label} (${formatUsd(removed.monthlyLimitMicros)} a month) removed`,
  });
  return listBudgets({ workspaceId });
}

/** The latest budget changes, for the Budgets tab. */
export const listBudgetAudit = ({ workspaceId }: { workspaceId: string }) =>
  listAuditEvents({ workspaceId, limit: 20, actions: ["budget.set", "budget.removed"] });

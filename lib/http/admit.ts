import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/lib/database";
import type { Role } from "@/db/schema";
import { countRequest, currentWindow, type WindowCount } from "@/lib/limits/rate-limit";
import { sessionEnded } from "@/lib/auth/sessions";
import { rolesAtLeast } from "@/lib/workspaces/roles";
import { resolveWorkspaceAccess, type WorkspaceAccess } from "@/lib/workspaces/workspaces";
import { findReachedBudget, type OverBudgetRow, type ReachedBudget, reachedFromRow } from "@/lib/budgets/exceeded";
import { monthOf } from "@/lib/spend/record";

export interface Admission {
  access: WorkspaceAccess;
  /**
   * What the budget's counter reached, for the caller to settle against the limit (once it knows
   * the workspace, so a 429 is recorded there). Null when the role fell short or the route has no
   * budget: nothing was counted.
   */
  counted: WindowCount | null;
  /**
   * On routes that spend: the workspace's or the member's monthly budget this month's spend has
   * reached (the caller answers 402), else null. A caller refused for it counted nothing.
   */
  reached: ReachedBudget | null;
}

interface AdmissionRow extends OverBudgetRow {
  session_version: number;
  workspace_id: string | null;
  workspace_name: string | null;
  role: Role | null;
  count: number | null;
}

/**
 * The session's version, membership, role, the per-minute rate limit's counter and (on routes that
 * spend) the monthly budgets in ONE statement (the database function opencto_admit) — the hot path
 * of every workspace route. A session whose version is no longer the user's (signed out,
 * password reset, removed from the instance) is refused with 401 and counts nothing; so is one whose
 * user is gone. The budget `<bucket>:<workspace>:<user>` (when the route has one) is counted only for a
 * member holding `minimumRole` whose budgets are not reached, so refused callers never spend it. Without an explicit workspace this
 * reads the user's current one; a user with none falls back to the plain lookup, then a separate count.
 */
export async function admitMember({
  userId,
  sessionVersion,
  workspaceId,
  minimumRole,
  bucket,
  spends = false,
}: {
  userId: string;
  sessionVersion: number;
  workspaceId?: string;
  minimumRole: Role;
  bucket?: string;
  /** The route spends the workspace's money: check its monthly budgets too. */
  spends?: boolean;
}): Promise<Admission> {
  const now = Date.now();
  const at = new Date(now);
  const windowStart = currentWindow(now);
  const db = await getDb();
  // The statement lives in the database as the function opencto_admit (migration 0011), so its plan
  // is prepared once per connection rather than on every request.
  const roles = `{${rolesAtLeast(minimumRole).join(",")}}`;
  const result = await db.execute<AdmissionRow>(sql`
    select o_session_version as session_version, o_workspace_id as workspace_id, o_workspace_name as workspace_name,
      o_role as role, o_count as count, o_budget_user_id as budget_user_id, o_limit_micros as limit_micros,
      o_spent_micros as spent_micros
    from opencto_admit(${userId}::text, ${sessionVersion}::integer, ${workspaceId ?? null}::text, ${roles}::text[],
      ${bucket ?? null}::text, ${windowStart.toISOString()}::timestamptz, ${spends}::boolean, ${monthOf(at)}::date)`);
  const row = (result as unknown as { rows: AdmissionRow[] }).rows[0];
  if (!row || Number(row.session_version) !== sessionVersion) throw sessionEnded();
  if (!row.workspace_id || !row.workspace_name || !row.role) {
    // Throws the same 404 as every other route when the workspace was named and is not theirs.
    const access = await resolveWorkspaceAccess({ userId, workspaceId });
    const admitted = rolesAtLeast(minimumRole).includes(access.role);
    const reached = spends && admitted ? await findReachedBudget({ workspaceId: access.workspaceId, userId, at }) : null;
    const counted = bucket && admitted && !reached ? await countRequest({ key: `${bucket}:${access.workspaceId}:${userId}` }) : null;
    return { access, counted, reached };
  }
  const access = { workspaceId: row.workspace_id, workspaceName: row.workspace_name, role: row.role };
  return {
    access,
    counted: row.count === null ? null : { count: Number(row.count), windowStart, now },
    reached: reachedFromRow(row),
  };
}

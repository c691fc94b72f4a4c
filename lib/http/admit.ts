import "server-only";
import { sql } from "drizzle-orm";
import { getDatabaseHandle } from "@/lib/database";
import type { Role } from "@/db/schema";
import { countInMemory, countRequest, currentWindow, type WindowCount } from "@/lib/limits/rate-limit";
import { recall, remember } from "./admission-memory";
import { sessionEnded } from "@/lib/auth/sessions";
import { rolesAtLeast } from "@/lib/workspaces/roles";
import { resolveWorkspaceAccess, type WorkspaceAccess } from "@/lib/workspaces/workspaces";
import { findReachedBudget, type OverBudgetRow, type ReachedBudget, reachedFromRow } from "@/lib/budgets/exceeded";
import { monthOf } from "@/lib/spend/record";
import type { TokenScope } from "@/db/schema";
import type { TokenCredential } from "@/lib/tokens/credential";
import { AppError, unauthorized } from "@/lib/errors";

export interface Admission {
  /** Who the caller is: the session's user, or the token's member. */
  caller: { userId: string; email: string; name: string | null };
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
  user_id: string;
  email: string | null;
  name: string | null;
  token_workspace_id: string | null;
  token_scope_ok: boolean | null;
  token_expires_at: string | Date | null;
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
  token,
  workspaceId,
  minimumRole,
  bucket,
  spends = false,
}: {
  /** Ignored with a token: the caller is then the token's member. */
  userId: string | null;
  sessionVersion: number;
  /** A personal access token and the scopes of which the route accepts one; its workspace is the only one it acts in. */
  token?: TokenCredential & { scopes: readonly TokenScope[] };
  workspaceId?: string;
  minimumRole: Role;
  bucket?: string;
  /** The route spends the workspace's money: check its monthly budgets too. */
  spends?: boolean;
}): Promise<Admission> {
  const now = Date.now();
  const at = new Date(now);
  const windowStart = currentWindow(now);
  const roles = rolesAtLeast(minimumRole);
  const tokenScopes = token ? `{${token.scopes.join(",")}}` : null;
  const handle = await getDatabaseHandle();
  // Embedded mode: rows are remembered until a change to what they read, and requests are counted
  // in memory (the one process is every request's server), so the hot path makes no round trip.
  const epoch = handle.admissionEpoch?.() ?? null;
  const memoryKey =
    epoch === null
      ? null
      : [userId, sessionVersion, workspaceId, roles, spends, monthOf(at), token?.id, token?.secretHash, tokenScopes].join("|");
  let row = memoryKey === null || epoch === null ? undefined : recall<AdmissionRow>({ key: memoryKey, epoch, now });
  if (!row) {
    // The statement lives in the database as the function opencto_admit (migrations 0011, 0012), so
    // its plan is prepared once per connection rather than on every request.
    const result = await handle.db.execute<AdmissionRow>(sql`
      select o_user_id as user_id, o_email as email, o_name as name, o_session_version as session_version,
        o_workspace_id as workspace_id, o_workspace_name as workspace_name, o_role as role, o_count as count,
        o_budget_user_id as budget_user_id, o_limit_micros as limit_micros, o_spent_micros as spent_micros,
        o_token_workspace_id as token_workspace_id, o_token_scope_ok as token_scope_ok, o_token_expires_at as token_expires_at
      from opencto_admit(${userId}::text, ${sessionVersion}::integer, ${workspaceId ?? null}::text, ${`{${roles.join(",")}}`}::text[],
        ${epoch === null ? (bucket ?? null) : null}::text, ${windowStart.toISOString()}::timestamptz, ${spends}::boolean,
        ${monthOf(at)}::date, ${token?.id ?? null}::text, ${token?.secretHash ?? null}::text, ${tokenScopes}::text[])`);
    row = (result as unknown as { rows: AdmissionRow[] }).rows[0];
    if (row && memoryKey !== null && epoch !== null)
      remember({ key: memoryKey, epoch, row, now, untilMs: row.token_expires_at ? new Date(row.token_expires_at).getTime() : undefined });
  }
  if (token) refuseToken({ row, workspaceId, scopes: token.scopes });
  else if (!row || Number(row.session_version) !== sessionVersion) throw sessionEnded();
  if (!row) throw sessionEnded();
  const caller = { userId: row.user_id, email: row.email ?? "", name: row.name };
  if (!row.workspace_id || !row.workspace_name || !row.role) {
    if (token) throw unauthorized("This API token's member no longer belongs to its workspace, so the token no longer works.");
    // Throws the same 404 as every other route when the workspace was named and is not theirs.
    const access = await resolveWorkspaceAccess({ userId: caller.userId, workspaceId });
    const admitted = roles.includes(access.role);
    const reached = spends && admitted ? await findReachedBudget({ workspaceId: access.workspaceId, userId: caller.userId, at }) : null;
    const counted = bucket && admitted && !reached ? await countRequest({ key: `${bucket}:${access.workspaceId}:${caller.userId}` }) : null;
    return { caller, access, counted, reached };
  }
  const access = { workspaceId: row.workspace_id, workspaceName: row.workspace_name, role: row.role };
  const reached = reachedFromRow(row);
  let counted: WindowCount | null = row.count === null ? null : { count: Number(row.count), windowStart, now };
  if (epoch !== null && bucket && roles.includes(row.role) && !reached)
    counted = countInMemory({ key: `${bucket}:${row.workspace_id}:${caller.userId}`, now });
  return { caller, access, counted, reached };
}

/** A token that is unknown, revoked or expired is 401; one without the route's scope, or naming another workspace, 403. */
function refuseToken({ row, workspaceId, scopes }: { row: AdmissionRow | undefined; workspaceId?: string; scopes: readonly TokenScope[] }) {
  if (!row?.token_workspace_id)
    throw unauthorized("This API token is not valid: it was revoked, has expired or never existed. Create a new one in Settings → Tokens.");
  if (!row.token_scope_ok)
    throw new AppError(
      "insufficient_scope",
      `This API token may not call this route: it needs one of the scopes ${scopes.join(", ")}. Create a token with it in Settings → Tokens.`,
      { required: scopes },
    );
  if (workspaceId && workspaceId !== row.token_workspace_id)
    throw new AppError("forbidden", "This API token is bound to another workspace.");
}

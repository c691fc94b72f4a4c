import "server-only";
import { flushProxyRequests } from "@/lib/spend/record";
import { and, desc, eq, getTableColumns, gte, isNotNull, isNull, lt, type SQL, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { getDb } from "@/lib/database";
import { proxyRequests, type Role, realtimeCalls, users } from "@/db/schema";
import { forbidden } from "@/lib/errors";
import { hasRole } from "@/lib/workspaces/roles";
import { type CallsQuery, type Cursor, decodeCursor, encodeCursor, type ProxyRequestsQuery } from "./schemas";

// The Calls page's two lists: the workspace's voice calls (realtime_calls) and the requests
// proxied to OpenAI for its members (proxy_requests), newest first, a page at a time.
// Who sees what: admins and owners every row of the workspace; a member only their own.

export interface Viewer {
  userId: string;
  role: Role;
}

/** Rows a CSV export holds at most (the whole filtered list up to this many). */
export const EXPORT_MAX_ROWS = 10_000;
const EXPORT_PAGE = 500;

/**
 * The member whose rows the viewer may list: an admin any (or all: undefined), a member only
 * themselves, whatever they asked for. Naming someone else as a member is refused, not emptied.
 */
export function visibleMember({ viewer, member }: { viewer: Viewer; member?: string }): string | undefined {
  if (hasRole(viewer.role, "admin")) return member;
  if (member !== undefined && member !== viewer.userId)
    throw forbidden("Members see only their own calls and requests; ask a workspace admin for anyone else's.");
  return viewer.userId;
}

/** What a list covers for this viewer: the whole workspace (admins) or their own rows. */
const scopeOf = (viewer: Viewer): "workspace" | "own" => (hasRole(viewer.role, "admin") ? "workspace" : "own");

/** A timestamp as the cursor carries it: UTC with microseconds, so that no row between two pages is skipped. */
const cursorTime = (column: PgColumn) => sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const before = (time: PgColumn, id: PgColumn, cursor: Cursor) => sql`(${time}, ${id}) < (${cursor.at}::timestamptz, ${cursor.id})`;

interface Page<T> {
  rows: T[];
  nextCursor: string | null;
}

function paged<T extends { cursorAt: string; id: string }>(rows: T[], limit: number): Page<Omit<T, "cursorAt">> {
  const more = rows.length > limit;
  const kept = rows.slice(0, limit);
  const last = kept.at(-1);
  return {
    rows: kept.map(({ cursorAt: _cursorAt, ...row }) => row),
    nextCursor: more && last ? encodeCursor({ at: last.cursorAt, id: last.id }) : null,
  };
}

type CallFilters = Pick<CallsQuery, "member" | "from" | "to" | "status" | "cursor" | "limit">;

/** One page of the workspace's voice calls the viewer may see, newest first, with the caller's name and email. */
export async function listCalls({ workspaceId, viewer, filters }: { workspaceId: string; viewer: Viewer; filters: CallFilters }) {
  const member = visibleMember({ viewer, member: filters.member });
  const t = realtimeCalls;
  const where: SQL[] = [eq(t.workspaceId, workspaceId)];
  if (member) where.push(eq(t.userId, member));
  if (filters.from) where.push(gte(t.startedAt, filters.from));
  if (filters.to) where.push(lt(t.startedAt, filters.to));
  if (filters.status === "live") where.push(isNull(t.endedAt));
  if (filters.status === "ended") where.push(isNotNull(t.endedAt));
  if (filters.cursor) where.push(before(t.startedAt, t.id, filters.cursor));
  const db = await getDb();
  const rows = await db
    .select({ ...getTableColumns(t), userName: users.name, userEmail: users.email, cursorAt: cursorTime(t.startedAt) })
    .from(t)
    .innerJoin(users, eq(users.id, t.userId))
    .where(and(...where))
    .orderBy(desc(t.startedAt), desc(t.id))
    .limit(filters.limit + 1);
  const page = paged(rows, filters.limit);
  return { calls: page.rows, nextCursor: page.nextCursor, scope: scopeOf(viewer) };
}

type RequestFilters = Pick<ProxyRequestsQuery, "member" | "from" | "to" | "cursor" | "limit">;

/** One page of the requests proxied to OpenAI for the workspace's members that the viewer may see, newest first. */
export async function listProxyRequests({
  workspaceId,
  viewer,
  filters,
}: {
  workspaceId: string;
  viewer: Viewer;
  filters: RequestFilters;
}) {
  const member = visibleMember({ viewer, member: filters.member });
  const t = proxyRequests;
  const where: SQL[] = [eq(t.workspaceId, workspaceId)];
  if (member) where.push(eq(t.userId, member));
  if (filters.from) where.push(gte(t.createdAt, filters.from));
  if (filters.to) where.push(lt(t.createdAt, filters.to));
  if (filters.cursor) where.push(before(t.createdAt, t.id, filters.cursor));
  await flushProxyRequests();
  const db = await getDb();
  const rows = await db
    .select({ ...getTableColumns(t), userName: users.name, userEmail: users.email, cursorAt: cursorTime(t.createdAt) })
    .from(t)
    .leftJoin(users, eq(users.id, t.userId))
    .where(and(...where))
    .orderBy(desc(t.createdAt), desc(t.id))
    .limit(filters.limit + 1);
  const page = paged(rows, filters.limit);
  return { requests: page.rows, nextCursor: page.nextCursor, scope: scopeOf(viewer) };
}

export type CallRow = Awaited<ReturnType<typeof listCalls>>["calls"][number];
export type ProxyRequestRow = Awaited<ReturnType<typeof listProxyRequests>>["requests"][number];

/** Every page of a filtered list, up to EXPORT_MAX_ROWS rows; `truncated` says whether more were left out. */
async function everyPage<T>(fetchPage: (cursor: Cursor | undefined, limit: number) => Promise<{ rows: T[]; nextCursor: string | null }>) {
  const rows: T[] = [];
  let cursor: Cursor | undefined;
  for (;;) {
    const page = await fetchPage(cursor, Math.min(EXPORT_PAGE, EXPORT_MAX_ROWS - rows.length));
    rows.push(...page.rows);
    if (!page.nextCursor) return { rows, truncated: false };
    if (rows.length >= EXPORT_MAX_ROWS) return { rows, truncated: true };
    const next = decodeCursor(page.nextCursor);
    if (!next) return { rows, truncated: true };
    cursor = next;
  }
}

export function exportCalls({ workspaceId, viewer, filters }: { workspaceId: string; viewer: Viewer; filters: CallFilters }) {
  return everyPage(async (cursor, limit) => {
    const page = await listCalls({ workspaceId, viewer, filters: { ...filters, cursor, limit } });
    return { rows: page.calls, nextCursor: page.nextCursor };
  });
}

export function exportProxyRequests({ workspaceId, viewer, filters }: { workspaceId: string; viewer: Viewer; filters: RequestFilters }) {
  return everyPage(async (cursor, limit) => {
    const page = await listProxyRequests({ workspaceId, viewer, filters: { ...filters, cursor, limit } });
    return { rows: page.requests, nextCursor: page.nextCursor };
  });
}

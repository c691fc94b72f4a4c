import "server-only";
import { desc, eq, sql } from "drizzle-orm";
import { getDb } from "@/lib/database";
import { type AuditAction, auditEvents, type KeyScope, type LlmProvider, users } from "@/db/schema";

export interface AuditInput {
  workspaceId: string;
  actorUserId: string | null;
  action: AuditAction;
  provider?: LlmProvider;
  scope?: KeyScope;
  keyHint?: string;
  detail?: string;
}

export async function recordAuditEvent(input: AuditInput): Promise<void> {
  const db = await getDb();
  await db.insert(auditEvents).values(input);
}

export async function countAuditEvents({ workspaceId }: { workspaceId: string }): Promise<number> {
  const db = await getDb();
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(auditEvents).where(eq(auditEvents.workspaceId, workspaceId));
  return row?.n ?? 0;
}

export async function listAuditEvents({ workspaceId, limit = 50, offset = 0 }: { workspaceId: string; limit?: number; offset?: number }) {
  const db = await getDb();
  return db
    .select({
      id: auditEvents.id,
      action: auditEvents.action,
      provider: auditEvents.provider,
      scope: auditEvents.scope,
      keyHint: auditEvents.keyHint,
      detail: auditEvents.detail,
      createdAt: auditEvents.createdAt,
      actor: { userId: users.id, name: users.name, email: users.email },
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(eq(auditEvents.workspaceId, workspaceId))
    .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
    .limit(limit)
    .offset(offset);
}

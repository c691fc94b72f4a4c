import "server-only";
import { and, desc, eq, inArray } from "drizzle-orm";
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

/** The workspace's latest events, optionally of these actions only. */
export async function listAuditEvents({
  workspaceId,
  limit = 50,
  actions,
}: {
  workspaceId: string;
  limit?: number;
  actions?: AuditAction[];
}) {
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
    .where(and(eq(auditEvents.workspaceId, workspaceId), actions ? inArray(auditEvents.action, actions) : undefined))
    .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
    .limit(limit);
}

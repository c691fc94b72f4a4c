import "server-only";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { type ChatMessage, chatConversations, chatMessages } from "@/db/schema";
import { getDb } from "@/lib/database";
import { notFound } from "@/lib/errors";

// Conversations belong to one member in one workspace: every read names both, so a member never
// reaches another's conversation (not even an admin: it answers 404, as for one that does not exist).

interface Owner {
  workspaceId: string;
  userId: string;
}

const TITLE_CHARS = 80;
export const LIST_LIMIT = 50;

export const titleFrom = (text: string) => {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > TITLE_CHARS ? `${line.slice(0, TITLE_CHARS - 1)}…` : line;
};

export async function createConversation({ workspaceId, userId, title, model }: Owner & { title: string; model: string }) {
  const db = await getDb();
  const [row] = await db
    .insert(chatConversations)
    .values({ workspaceId, userId, title: titleFrom(title), model })
    .returning();
  if (!row) throw new Error("conversation insert returned no row");
  return row;
}

export async function ownConversation({ workspaceId, userId, conversationId }: Owner & { conversationId: string }) {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(chatConversations)
    .where(
      and(eq(chatConversations.id, conversationId), eq(chatConversations.workspaceId, workspaceId), eq(chatConversations.userId, userId)),
    );
  if (!row) throw notFound("No such conversation of yours in this workspace.");
  return row;
}

/** The caller's conversations in this workspace, most recently active first, with how many turns each has. */
export async function listConversations({ workspaceId, userId }: Owner) {
  const db = await getDb();
  return db
    .select({
      id: chatConversations.id,
      title: chatConversations.title,
      model: chatConversations.model,
      createdAt: chatConversations.createdAt,
      updatedAt: chatConversations.updatedAt,
      messages: sql<number>`(select count(*)::int from ${chatMessages} where ${chatMessages.conversationId} = ${chatConversations.id})`,
    })
    .from(chatConversations)
    .where(and(eq(chatConversations.workspaceId, workspaceId), eq(chatConversations.userId, userId)))
    .orderBy(desc(chatConversations.updatedAt), desc(chatConversations.id))
    .limit(LIST_LIMIT);
}

export async function conversationMessages({ conversationId }: { conversationId: string }): Promise<ChatMessage[]> {
  const db = await getDb();
  return db.select().from(chatMessages).where(eq(chatMessages.conversationId, conversationId)).orderBy(asc(chatMessages.position));
}

export type NewChatMessage = Pick<ChatMessage, "role" | "content"> &
  Partial<Pick<ChatMessage, "toolName" | "toolCallId" | "toolArguments" | "toolOutput">>;

/** Appends turns at the end of the conversation (positions follow the last) and marks it active now. */
export async function appendMessages({ conversationId, messages }: { conversationId: string; messages: NewChatMessage[] }) {
  if (messages.length === 0) return;
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [last] = await tx
      .select({ position: sql<number | null>`max(${chatMessages.position})` })
      .from(chatMessages)
      .where(eq(chatMessages.conversationId, conversationId));
    const start = (last?.position ?? -1) + 1;
    await tx.insert(chatMessages).values(messages.map((m, i) => ({ ...m, conversationId, position: start + i })));
    await tx.update(chatConversations).set({ updatedAt: new Date() }).where(eq(chatConversations.id, conversationId));
  });
}

export async function deleteConversation({ workspaceId, userId, conversationId }: Owner & { conversationId: string }) {
  const db = await getDb();
  const deleted = await db
    .delete(chatConversations)
    .where(
      and(eq(chatConversations.id, conversationId), eq(chatConversations.workspaceId, workspaceId), eq(chatConversations.userId, userId)),
    )
    .returning({ id: chatConversations.id });
  if (deleted.length === 0) throw notFound("No such conversation of yours in this workspace.");
  return { deleted: true, conversationId };
}

/**
 * Marks an approval card answered; false when it already was, so its remote tool runs once however
 * often the sealed turn comes back. The same statement drops answers older than any card lives.
 */
export async function claimApproval({ workspaceId, requestId }: { workspaceId: string; requestId: string }): Promise<boolean> {
  const db = await getDb();
  const result = await db.execute<{ request_id: string }>(sql`
    with expired as (delete from chat_approvals_answered where answered_at < now() - interval '1 hour')
    insert into chat_approvals_answered (workspace_id, request_id) values (${workspaceId}, ${requestId})
    on conflict do nothing returning request_id`);
  return (result as unknown as { rows: unknown[] }).rows.length === 1;
}

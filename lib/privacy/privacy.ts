import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/lib/database";
import { workspacePrivacy as privacyTable } from "@/db/schema";

export interface PrivacySettings {
  /** No transcript or event text is stored or logged for this workspace's calls and chats. */
  privacy: boolean;
  /** Each call's events are kept (secrets redacted) for traceDays; never with privacy on. */
  trace: boolean;
  traceDays: number;
  updatedAt: string | null;
}

export const DEFAULT_PRIVACY: PrivacySettings = { privacy: false, trace: false, traceDays: 7, updatedAt: null };

export async function readPrivacySettings({ workspaceId }: { workspaceId: string }): Promise<PrivacySettings> {
  const db = await getDb();
  const [row] = await db.select().from(privacyTable).where(eq(privacyTable.workspaceId, workspaceId));
  if (!row) return DEFAULT_PRIVACY;
  return { privacy: row.privacy, trace: row.trace && !row.privacy, traceDays: row.traceDays, updatedAt: row.updatedAt.toISOString() };
}

/**
 * The one place code asks whether a workspace is in privacy mode (the voice relay, the chat, the
 * gateway): then nothing it handles may store or log transcript or event text. Read fresh, so a
 * switch applies to the next call at once.
 */
export async function workspacePrivacy({ workspaceId }: { workspaceId: string }): Promise<{ privacy: boolean }> {
  return { privacy: (await readPrivacySettings({ workspaceId })).privacy };
}

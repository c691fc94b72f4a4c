import "server-only";
import { getDb } from "@/lib/database";
import { workspacePrivacy as privacyTable } from "@/db/schema";
import { recordAuditEvent } from "@/lib/audit/events";
import { type PrivacySettings, readPrivacySettings } from "./privacy";
import type { PrivacySettingsBody } from "./schemas";

export async function savePrivacySettings({
  workspaceId,
  userId,
  settings,
}: {
  workspaceId: string;
  userId: string;
  settings: PrivacySettingsBody;
}): Promise<PrivacySettings> {
  const { workspaceId: _ignored, ...values } = settings;
  const before = await readPrivacySettings({ workspaceId });
  const db = await getDb();
  const set = { ...values, updatedBy: userId, updatedAt: new Date() };
  await db
    .insert(privacyTable)
    .values({ workspaceId, ...set })
    .onConflictDoUpdate({ target: privacyTable.workspaceId, set });
  const saved = await readPrivacySettings({ workspaceId });
  if (before.privacy !== saved.privacy || before.trace !== saved.trace || before.traceDays !== saved.traceDays)
    await recordAuditEvent({
      workspaceId,
      actorUserId: userId,
      action: "privacy.changed",
      detail: `privacy ${saved.privacy ? "on" : "off"}, trace ${saved.trace ? `on (${saved.traceDays} days)` : "off"}`,
    });
  return saved;
}

import "server-only";
import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { notificationSettings, type NotificationSettingsRow } from "@/db/schema";
import { getDb } from "@/lib/database";
import { badRequest } from "@/lib/errors";
import { log } from "@/lib/log";
import { mailConfigured } from "@/lib/mail";
import { DecryptError, decryptSecret, encryptSecret } from "@/lib/vault/cipher";
import { getKeyring } from "@/lib/vault/keyring";
import { destinationProblem } from "./destination";
import type { NotificationSettingsInput, NotificationSettingsView } from "./schemas";

const binding = (workspaceId: string) => ({ purpose: "alert_webhook_secret" as const, workspaceId });

/** A fresh Standard Webhooks signing secret: `whsec_` and 32 random bytes in base64. */
export const generateWebhookSecret = () => `whsec_${randomBytes(32).toString("base64")}`;

async function readRow(workspaceId: string): Promise<NotificationSettingsRow | undefined> {
  const db = await getDb();
  const [row] = await db.select().from(notificationSettings).where(eq(notificationSettings.workspaceId, workspaceId));
  return row;
}

const view = (row: NotificationSettingsRow | undefined): NotificationSettingsView => ({
  emails: row?.emails ?? [],
  webhookUrl: row?.webhookUrl ?? null,
  hasWebhookSecret: Boolean(row?.webhookSecretCiphertext),
  mailConfigured: mailConfigured(),
  updatedAt: row?.updatedAt.toISOString() ?? null,
});

export async function getNotificationSettings({ workspaceId }: { workspaceId: string }): Promise<NotificationSettingsView> {
  return view(await readRow(workspaceId));
}

/**
 * Saves the alert emails and webhook URL. Saving a webhook URL while no signing secret exists
 * generates one, returned here once (`newWebhookSecret`); removing the URL removes the secret.
 */
export async function saveNotificationSettings({
  workspaceId,
  userId,
  input,
}: {
  workspaceId: string;
  userId: string;
  input: NotificationSettingsInput;
}): Promise<NotificationSettingsView & { newWebhookSecret?: string }> {
  if (input.webhookUrl) {
    const problem = destinationProblem(input.webhookUrl);
    if (problem) throw badRequest(problem, [{ path: "webhookUrl", message: problem }]);
  }
  const existing = await readRow(workspaceId);
  const newWebhookSecret = input.webhookUrl && !existing?.webhookSecretCiphertext ? generateWebhookSecret() : undefined;
  const ciphertext = !input.webhookUrl
    ? null
    : newWebhookSecret
      ? encryptSecret({ plaintext: newWebhookSecret, binding: binding(workspaceId), keyring: getKeyring() })
      : (existing?.webhookSecretCiphertext ?? null);
  const values = {
    emails: input.emails,
    webhookUrl: input.webhookUrl,
    webhookSecretCiphertext: ciphertext,
    updatedBy: userId,
    updatedAt: new Date(),
  };
  const db = await getDb();
  const [row] = await db
    .insert(notificationSettings)
    .values({ workspaceId, ...values })
    .onConflictDoUpdate({ target: notificationSettings.workspaceId, set: values })
    .returning();
  return { ...view(row), ...(newWebhookSecret ? { newWebhookSecret } : {}) };
}

/** Replaces the webhook's signing secret; the new one is returned once and stored encrypted. */
export async function regenerateWebhookSecret({ workspaceId, userId }: { workspaceId: string; userId: string }) {
  const existing = await readRow(workspaceId);
  if (!existing?.webhookUrl) throw badRequest("Save a webhook URL first; its signing secret is generated for it.");
  const secret = generateWebhookSecret();
  const ciphertext = encryptSecret({ plaintext: secret, binding: binding(workspaceId), keyring: getKeyring() });
  const db = await getDb();
  await db
    .update(notificationSettings)
    .set({ webhookSecretCiphertext: ciphertext, updatedBy: userId, updatedAt: sql`now()` })
    .where(eq(notificationSettings.workspaceId, workspaceId));
  return { webhookSecret: secret };
}

/** Where a workspace's alerts go, the secret decrypted; null parts are not configured (or not usable). */
export interface AlertChannels {
  emails: string[];
  webhook: { url: string; secret: string } | null;
}

export async function alertChannels(workspaceId: string): Promise<AlertChannels> {
  const row = await readRow(workspaceId);
  const emails = mailConfigured() ? (row?.emails ?? []) : [];
  if (!row?.webhookUrl || !row.webhookSecretCiphertext) return { emails, webhook: null };
  try {
    const secret = decryptSecret({ envelope: row.webhookSecretCiphertext, binding: binding(workspaceId), keyring: getKeyring() });
    return { emails, webhook: { url: row.webhookUrl, secret } };
  } catch (error) {
    if (!(error instanceof DecryptError)) throw error;
    log("error", "alert_webhook_secret_undecryptable", { workspaceId, reason: error.message });
    return { emails, webhook: null };
  }
}

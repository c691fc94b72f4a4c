import "server-only";
import { and, asc, eq, gt, sql } from "drizzle-orm";
import { getDb } from "@/lib/database";
import { llmKeys, telephonySettings } from "@/db/schema";
import { recordAuditEvent } from "@/lib/audit/events";
import { log } from "@/lib/log";
import { forgetKey } from "./cache";
import { DecryptError, decryptSecret, encryptSecret, envelopeVersion } from "./cipher";
import { getKeyring } from "./keyring";

export interface RotationReport {
  /** Re-encrypted under the newest key by this run. */
  rotated: number;
  /** Changed by someone else between read and write; their write already used the newest key. */
  skipped: number;
  /** Could not be decrypted with any configured key; left as they are. */
  failed: number;
}

/**
 * Re-encrypts every key not yet under the newest ENCRYPTION_KEYS entry, in batches. Each row is
 * swapped only if its ciphertext is still the one read (compare-and-swap), so a concurrent save
 * is never overwritten; the run can be interrupted and started again at any point.
 */
export async function rotateAllKeys({
  batchSize = 100,
  onBatch,
}: {
  batchSize?: number;
  onBatch?: (progress: RotationReport) => void | Promise<void>;
} = {}): Promise<RotationReport> {
  const db = await getDb();
  const keyring = getKeyring();
  const prefix = `${keyring.current.version}:`;
  const report: RotationReport = { rotated: 0, skipped: 0, failed: 0 };
  let afterId = "";
  for (;;) {
    const rows = await db
      .select()
      .from(llmKeys)
      .where(and(gt(llmKeys.id, afterId), sql`left(${llmKeys.ciphertext}, ${prefix.length}) <> ${prefix}`))
      .orderBy(asc(llmKeys.id))
      .limit(batchSize);
    if (rows.length === 0) return rotateTelephonySecrets(report);
    for (const row of rows) {
      const binding = { workspaceId: row.workspaceId, provider: row.provider, scope: row.scope, ownerUserId: row.ownerUserId };
      let plaintext: string;
      try {
        plaintext = decryptSecret({ envelope: row.ciphertext, binding, keyring });
      } catch (error) {
        if (!(error instanceof DecryptError)) throw error;
        report.failed++;
        log("error", "vault_rotate_decrypt_failed", { keyId: row.id, workspaceId: row.workspaceId, reason: error.message });
        continue;
      }
      const ciphertext = encryptSecret({ plaintext, binding, keyring });
      const swapped = await db
        .update(llmKeys)
        .set({ ciphertext })
        .where(and(eq(llmKeys.id, row.id), eq(llmKeys.ciphertext, row.ciphertext)))
        .returning({ id: llmKeys.id });
      forgetKey(row.id);
      if (swapped.length === 0) {
        report.skipped++;
        continue;
      }
      report.rotated++;
      await recordAuditEvent({
        workspaceId: row.workspaceId,
        actorUserId: null,
        action: "key.rotated",
        provider: row.provider,
        scope: row.scope,
        keyHint: row.keyHint,
        detail: `${envelopeVersion(row.ciphertext)} → ${keyring.current.version}`,
      });
    }
    afterId = rows[rows.length - 1]?.id ?? afterId;
    await onBatch?.({ ...report });
  }
}

/** The telephony webhooks' signing secrets (one per workspace at most), swapped the same way. */
async function rotateTelephonySecrets(report: RotationReport): Promise<RotationReport> {
  const db = await getDb();
  const keyring = getKeyring();
  const prefix = `${keyring.current.version}:`;
  const rows = await db
    .select({ workspaceId: telephonySettings.workspaceId, ciphertext: telephonySettings.secretCiphertext })
    .from(telephonySettings)
    .where(
      sql`${telephonySettings.secretCiphertext} is not null and left(${telephonySettings.secretCiphertext}, ${prefix.length}) <> ${prefix}`,
    );
  for (const row of rows) {
    if (!row.ciphertext) continue;
    const binding = { workspaceId: row.workspaceId, purpose: "telephony_webhook" } as const;
    let plaintext: string;
    try {
      plaintext = decryptSecret({ envelope: row.ciphertext, binding, keyring });
    } catch (error) {
      if (!(error instanceof DecryptError)) throw error;
      report.failed++;
      log("error", "vault_rotate_decrypt_failed", { telephonyWorkspaceId: row.workspaceId, reason: error.message });
      continue;
    }
    const swapped = await db
      .update(telephonySettings)
      .set({ secretCiphertext: encryptSecret({ plaintext, binding, keyring }) })
      .where(and(eq(telephonySettings.workspaceId, row.workspaceId), eq(telephonySettings.secretCiphertext, row.ciphertext)))
      .returning({ workspaceId: telephonySettings.workspaceId });
    if (swapped.length === 0) report.skipped++;
    else report.rotated++;
  }
  return report;
}

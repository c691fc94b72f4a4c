import "server-only";
import { and, asc, eq, gt, sql } from "drizzle-orm";
import { getDb } from "@/lib/database";
import { llmKeys, mcpServers, notificationSettings, telephonySettings } from "@/db/schema";
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
 * Re-encrypts every key not yet under the newest ENCRYPTION_KEYS entry, in batches, then every
 * alert webhook signing secret (Settings → Alerts; counted in the same report). Each row is
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
    if (rows.length === 0) return rotateMcpAuthorizations(await rotateWorkspaceSecrets(report));
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

/**
 * The workspace secrets that are not LLM keys (telephony and alert webhook signing secrets) not yet
 * under the newest key, compare-and-swapped like the keys above.
 */
async function rotateWorkspaceSecrets(report: RotationReport): Promise<RotationReport> {
  const db = await getDb();
  const keyring = getKeyring();
  const prefix = `${keyring.current.version}:`;
  const slots = [
    { purpose: "telephony_webhook", table: telephonySettings, column: telephonySettings.secretCiphertext },
    { purpose: "alert_webhook_secret", table: notificationSettings, column: notificationSettings.webhookSecretCiphertext },
  ] as const;
  for (const { purpose, table, column } of slots) {
    const rows = await db
      .select({ workspaceId: table.workspaceId, envelope: column })
      .from(table)
      .where(sql`${column} is not null and left(${column}, ${prefix.length}) <> ${prefix}`);
    for (const row of rows) {
      if (!row.envelope) continue;
      const binding = { workspaceId: row.workspaceId, purpose };
      let plaintext: string;
      try {
        plaintext = decryptSecret({ envelope: row.envelope, binding, keyring });
      } catch (error) {
        if (!(error instanceof DecryptError)) throw error;
        report.failed++;
        log("error", "vault_rotate_decrypt_failed", { secret: purpose, workspaceId: row.workspaceId, reason: error.message });
        continue;
      }
      const swapped = await db.execute(
        sql`update ${table} set ${sql.identifier(column.name)} = ${encryptSecret({ plaintext, binding, keyring })}
          where ${table.workspaceId} = ${row.workspaceId} and ${column} = ${row.envelope} returning 1`,
      );
      if ((swapped as unknown as { rows: unknown[] }).rows.length === 0) report.skipped++;
      else report.rotated++;
    }
  }
  return report;
}

/** Remote MCP servers' authorization values (bound to their row), compare-and-swapped like the rest. */
async function rotateMcpAuthorizations(report: RotationReport): Promise<RotationReport> {
  const db = await getDb();
  const keyring = getKeyring();
  const prefix = `${keyring.current.version}:`;
  const column = mcpServers.authorizationCiphertext;
  const rows = await db
    .select({ id: mcpServers.id, workspaceId: mcpServers.workspaceId, envelope: column })
    .from(mcpServers)
    .where(sql`${column} is not null and left(${column}, ${prefix.length}) <> ${prefix}`);
  for (const row of rows) {
    if (!row.envelope) continue;
    const binding = { workspaceId: row.workspaceId, purpose: "mcp_authorization", slot: row.id } as const;
    let plaintext: string;
    try {
      plaintext = decryptSecret({ envelope: row.envelope, binding, keyring });
    } catch (error) {
      if (!(error instanceof DecryptError)) throw error;
      report.failed++;
      log("error", "vault_rotate_decrypt_failed", { secret: binding.purpose, workspaceId: row.workspaceId, reason: error.message });
      continue;
    }
    const swapped = await db
      .update(mcpServers)
      .set({ authorizationCiphertext: encryptSecret({ plaintext, binding, keyring }) })
      .where(and(eq(mcpServers.id, row.id), eq(column, row.envelope)))
      .returning({ id: mcpServers.id });
    if (swapped.length === 0) report.skipped++;
    else report.rotated++;
  }
  return report;
}

import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/lib/database";
import { telephonySettings } from "@/db/schema";
import { notFound } from "@/lib/errors";
import { sealWorkspaceSecret, secretHint } from "@/lib/vault/workspace-secrets";
import { referUri } from "./numbers";
import type { CallRules } from "./policy";
import type { TelephonySettingsBody } from "./schemas";

/** What the settings page shows: the rules and whether a secret is saved (its hint only). */
export interface TelephonyView extends CallRules {
  secretSaved: boolean;
  secretHint: string | null;
  updatedAt: string | null;
}

const DEFAULT_RULES: CallRules = { defaultAction: "accept", allowPrefixes: [], denyPrefixes: [], referTarget: null, rejectStatus: 603 };

export async function readTelephonyRow(workspaceId: string) {
  const db = await getDb();
  const [row] = await db.select().from(telephonySettings).where(eq(telephonySettings.workspaceId, workspaceId));
  return row ?? null;
}

export async function getTelephonySettings(workspaceId: string): Promise<TelephonyView> {
  const row = await readTelephonyRow(workspaceId);
  if (!row) return { ...DEFAULT_RULES, secretSaved: false, secretHint: null, updatedAt: null };
  return {
    defaultAction: row.defaultAction,
    allowPrefixes: row.allowPrefixes,
    denyPrefixes: row.denyPrefixes,
    referTarget: row.referTarget,
    rejectStatus: row.rejectStatus,
    secretSaved: row.secretCiphertext !== null,
    secretHint: row.secretHint,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Saves the rules, and the signing secret when one is given (sealed in the vault; never returned). */
export async function saveTelephonySettings({
  workspaceId,
  userId,
  settings,
}: {
  workspaceId: string;
  userId: string;
  settings: TelephonySettingsBody;
}): Promise<TelephonyView> {
  const { secret, workspaceId: _ignored, ...rules } = settings;
  const values = {
    ...rules,
    referTarget: rules.referTarget ? referUri(rules.referTarget) : null,
    ...(secret
      ? {
          secretCiphertext: sealWorkspaceSecret({ plaintext: secret, workspaceId, purpose: "telephony_webhook" }),
          secretHint: secretHint(secret),
        }
      : {}),
    updatedBy: userId,
    updatedAt: new Date(),
  };
  const db = await getDb();
  await db
    .insert(telephonySettings)
    .values({ workspaceId, ...values })
    .onConflictDoUpdate({ target: telephonySettings.workspaceId, set: values });
  return getTelephonySettings(workspaceId);
}

/** Removes the signing secret: the webhook answers 404 again. */
export async function removeTelephonySecret({ workspaceId, userId }: { workspaceId: string; userId: string }) {
  const db = await getDb();
  const [row] = await db
    .update(telephonySettings)
    .set({ secretCiphertext: null, secretHint: null, updatedBy: userId, updatedAt: new Date() })
    .where(eq(telephonySettings.workspaceId, workspaceId))
    .returning();
  if (!row) throw notFound("Telephony is not set up for this workspace.");
  return getTelephonySettings(workspaceId);
}

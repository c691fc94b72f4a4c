import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/lib/database";
import { TtlCache } from "@/lib/cache/ttl-cache";
import { realtimeSettings } from "@/db/schema";
import { type AssistantSettings, DEFAULT_SETTINGS } from "./policy";
import { type SessionOptions, storedSessionOptions } from "./session-options";

export interface StoredSettings extends AssistantSettings {
  clientSecretsAllowed: boolean;
  updatedAt: string | null;
}

// Read on every session start; a save in this process replaces the entry at once, other server
// instances pick it up within the TTL.
const cache = new TtlCache<StoredSettings>(10_000);

export async function getAssistantSettings(workspaceId: string): Promise<StoredSettings> {
  const hit = cache.get(workspaceId);
  if (hit) return hit;
  const fresh = await readAssistantSettings(workspaceId);
  cache.set(workspaceId, fresh);
  return fresh;
}

/** Uncached: pages show a save at once (the cache above is per module instance, and Next.js bundles pages apart from routes). */
export async function readAssistantSettings(workspaceId: string): Promise<StoredSettings> {
  const db = await getDb();
  const [row] = await db.select().from(realtimeSettings).where(eq(realtimeSettings.workspaceId, workspaceId));
  if (!row) return { ...DEFAULT_SETTINGS, clientSecretsAllowed: false, updatedAt: null };
  return {
    model: row.model as AssistantSettings["model"],
    voice: row.voice as AssistantSettings["voice"],
    instructions: row.instructions,
    // Typed by the column's enum: this (and the insert below) fails to compile if it and TURN_DETECTION drift.
    turnDetection: row.turnDetection,
    expiresAfterSeconds: row.expiresAfterSeconds,
    maxCallSeconds: row.maxCallSeconds,
    enabledTools: row.enabledTools as AssistantSettings["enabledTools"],
    clientSecretsAllowed: row.clientSecretsAllowed,
    ...storedSessionOptions(row.sessionOptions),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function saveAssistantSettings({
  workspaceId,
  userId,
  settings,
}: {
  workspaceId: string;
  userId: string;
  settings: AssistantSettings;
}): Promise<StoredSettings> {
  const db = await getDb();
  const { model, voice, instructions, turnDetection, expiresAfterSeconds, maxCallSeconds, enabledTools, clientSecretsAllowed, ...options } =
    settings;
  const values = {
    ...{ model, voice, instructions, turnDetection, expiresAfterSeconds, maxCallSeconds, enabledTools, clientSecretsAllowed },
    sessionOptions: options satisfies SessionOptions,
    updatedBy: userId,
    updatedAt: new Date(),
  };
  await db
    .insert(realtimeSettings)
    .values({ workspaceId, ...values })
    .onConflictDoUpdate({ target: realtimeSettings.workspaceId, set: values });
  const saved = await readAssistantSettings(workspaceId);
  cache.set(workspaceId, saved);
  return saved;
}

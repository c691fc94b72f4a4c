import "server-only";
import { and, eq, lt, sql } from "drizzle-orm";
import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { getDb } from "@/lib/database";
import { telephonyWebhookIds } from "@/db/schema";
import { AppError, notFound } from "@/lib/errors";
import { log } from "@/lib/log";
import { DecryptError } from "@/lib/vault/cipher";
import { openWorkspaceSecret } from "@/lib/vault/workspace-secrets";
import { type IncomingCallOutcome, takeIncomingCall } from "./calls";
import { incomingCallDataSchema, webhookEventSchema } from "./schemas";
import { readTelephonyRow } from "./settings";

/** Larger than any realtime.call.incoming OpenAI sends (a few KiB of SIP headers). */
export const WEBHOOK_MAX_BODY_BYTES = 64 * 1024;
/** Seen ids are kept this long: past the 5-minute timestamp tolerance, so a replay is caught by one check or the other. */
const SEEN_ID_TTL_MS = 10 * 60_000;

// An unknown workspace and one without telephony (or without a saved secret) get the same 404:
// the caller learns nothing it could not learn from any other id.
const notSetUp = () => notFound("Telephony is not set up for this workspace.");
const badSignature = () => new AppError("unauthorized", "The webhook signature is invalid, or its timestamp is more than 5 minutes off.");

export type WebhookResult = { received: true; duplicate?: true; ignored?: string } | ({ received: true } & IncomingCallOutcome);

/**
 * OpenAI's webhook for one workspace: verify per Standard Webhooks (signature over id, timestamp
 * and body with the workspace's whsec_ secret; timestamp within 5 minutes), act at most once per
 * webhook-id, then take the call (accept, reject or refer it by the workspace's policy).
 */
export async function receiveTelephonyWebhook({
  workspaceId,
  rawBody,
  headers,
}: {
  workspaceId: string;
  rawBody: string;
  headers: Headers;
}): Promise<WebhookResult> {
  const row = await readTelephonyRow(workspaceId);
  if (!row?.secretCiphertext) throw notSetUp();
  let secret: string;
  try {
    secret = openWorkspaceSecret({ envelope: row.secretCiphertext, workspaceId, purpose: "telephony_webhook" });
  } catch (error) {
    if (!(error instanceof DecryptError)) throw error;
    log("error", "telephony_secret_undecryptable", { workspaceId, reason: error.message });
    throw new AppError(
      "internal_error",
      "The workspace's webhook secret cannot be decrypted here. An admin can save it again in Settings → Telephony.",
    );
  }
  const webhookHeaders = {
    "webhook-id": headers.get("webhook-id") ?? "",
    "webhook-timestamp": headers.get("webhook-timestamp") ?? "",
    "webhook-signature": headers.get("webhook-signature") ?? "",
  };
  let payload: unknown;
  try {
    payload = verifier(secret).verify(rawBody, webhookHeaders);
  } catch (error) {
    if (!(error instanceof WebhookVerificationError)) throw error;
    log("warn", "telephony_webhook_refused", { workspaceId, reason: error.message });
    throw badSignature();
  }
  const webhookId = webhookHeaders["webhook-id"].slice(0, 200);
  if (!(await claimWebhookId({ workspaceId, webhookId }))) {
    log("info", "telephony_webhook_duplicate", { workspaceId, webhookId });
    return { received: true, duplicate: true };
  }
  const event = webhookEventSchema.safeParse(payload);
  if (!event.success) return { received: true, ignored: "unreadable event" };
  if (event.data.type !== "realtime.call.incoming") return { received: true, ignored: event.data.type };
  const call = incomingCallDataSchema.safeParse(event.data.data);
  if (!call.success) return { received: true, ignored: "unreadable realtime.call.incoming" };
  try {
    return {
      received: true,
      ...(await takeIncomingCall({ workspaceId, rules: row, callId: call.data.call_id, sipHeaders: call.data.sip_headers })),
    };
  } catch (error) {
    // Not acted on: OpenAI's retry of the same webhook-id must be able to try again.
    await releaseWebhookId({ workspaceId, webhookId }).catch(() => undefined);
    throw error;
  }
}

/** The saved secret was checked to be base64 on save; one that is not anyway is a fault of ours, not the caller's. */
function verifier(secret: string) {
  try {
    return new Webhook(secret);
  } catch (error) {
    log("error", "telephony_secret_unusable", { cause: String(error) });
    throw new AppError("internal_error", "The workspace's webhook secret is unusable. An admin can save it again in Settings → Telephony.");
  }
}

/** Inserting the id is the claim: false when this webhook was already received. Expired ids are swept on the way. */
async function claimWebhookId({ workspaceId, webhookId }: { workspaceId: string; webhookId: string }): Promise<boolean> {
  const db = await getDb();
  if (Math.random() < 0.05) await db.delete(telephonyWebhookIds).where(lt(telephonyWebhookIds.expiresAt, sql`now()`));
  const inserted = await db
    .insert(telephonyWebhookIds)
    .values({ workspaceId, webhookId, expiresAt: new Date(Date.now() + SEEN_ID_TTL_MS) })
    .onConflictDoNothing()
    .returning({ webhookId: telephonyWebhookIds.webhookId });
  return inserted.length > 0;
}

async function releaseWebhookId({ workspaceId, webhookId }: { workspaceId: string; webhookId: string }) {
  const db = await getDb();
  await db
    .delete(telephonyWebhookIds)
    .where(and(eq(telephonyWebhookIds.workspaceId, workspaceId), eq(telephonyWebhookIds.webhookId, webhookId)));
}

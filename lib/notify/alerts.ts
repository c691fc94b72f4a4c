import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { getDb } from "@/lib/database";
import { badRequest } from "@/lib/errors";
import { log } from "@/lib/log";
import { sendMail } from "@/lib/mail";
import type { AlertDeliveryReport, AlertType } from "./schemas";
import { type AlertChannels, alertChannels } from "./settings";
import { postSignedWebhook } from "./webhook";

export interface Alert {
  workspaceId: string;
  /** What the alert is about, stable across sends, e.g. `budget:workspace:80` or `ops:realtime_calls:5xx`. */
  alertKey: string;
  /** Start of the window the alert is for: it is sent at most once per key and window. */
  windowStart: Date;
  type: AlertType;
  subject: string;
  /** The mail's body (plain text). */
  text: string;
  /** The webhook's `data`: JSON, no secrets. */
  data: Record<string, unknown>;
}

export type AlertOutcome = "sent" | "already_sent" | "no_channel";

const hasChannel = (c: AlertChannels) => c.emails.length > 0 || c.webhook !== null;

/**
 * Sends an alert to the workspace's alert emails and signed webhook, at most once per alert key and
 * window however many callers race: inserting the `alert_deliveries` row is the claim, and only the
 * caller whose insert went in sends. A workspace with no channel claims nothing (an alert is sent
 * when a channel is configured later in the same window). Delivery failures are logged, never
 * thrown; the claim stays, so a dead receiver is not retried on every request.
 */
export async function sendAlert(alert: Alert): Promise<AlertOutcome> {
  try {
    const channels = await alertChannels(alert.workspaceId);
    if (!hasChannel(channels)) return "no_channel";
    const db = await getDb();
    const claimed = await db.execute(sql`
      insert into alert_deliveries (workspace_id, alert_key, window_start)
      values (${alert.workspaceId}, ${alert.alertKey}, ${alert.windowStart.toISOString()}::timestamptz)
      on conflict do nothing
      returning 1 as claimed`);
    if ((claimed as unknown as { rows: unknown[] }).rows.length === 0) return "already_sent";
    const messageId = `msg_${createHash("sha256").update(`${alert.workspaceId}|${alert.alertKey}|${alert.windowStart.toISOString()}`).digest("hex").slice(0, 32)}`;
    await deliver({ alert, channels, messageId });
    return "sent";
  } catch (error) {
    log("error", "alert_failed", {
      workspaceId: alert.workspaceId,
      alertKey: alert.alertKey,
      type: alert.type,
      message: (error as Error).message,
    });
    return "already_sent";
  }
}

/** Sends a `test` alert now, whatever was sent before, and reports what each channel did; 400 when there is no channel. */
export async function sendTestAlert({
  workspaceId,
  workspaceName,
  sentBy,
}: {
  workspaceId: string;
  workspaceName: string;
  sentBy: string;
}) {
  const channels = await alertChannels(workspaceId);
  if (!hasChannel(channels))
    throw badRequest("Nothing to send to: save an alert email (this server must send mail) or a webhook with its signing secret first.");
  const alert: Alert = {
    workspaceId,
    alertKey: "test",
    windowStart: new Date(),
    type: "test",
    subject: `[OpenCTO] Test alert for ${workspaceName}`,
    text: `${sentBy} sent this test alert from Settings → Alerts of the workspace "${workspaceName}".\n\nBudget and ops alerts for this workspace will reach this address.`,
    data: { workspaceId, workspaceName, sentBy, test: true },
  };
  return deliver({ alert, channels, messageId: `msg_${randomUUID().replaceAll("-", "")}` });
}

async function deliver({
  alert,
  channels,
  messageId,
}: {
  alert: Alert;
  channels: AlertChannels;
  messageId: string;
}): Promise<AlertDeliveryReport> {
  const [emails, webhook] = await Promise.all([
    Promise.all(
      channels.emails.map(async (to) => ({
        to,
        delivered: await sendMail({ to, subject: alert.subject, text: alert.text, kind: `alert_${alert.type}` }),
      })),
    ),
    channels.webhook
      ? postSignedWebhook({ url: channels.webhook.url, secret: channels.webhook.secret, messageId, type: alert.type, data: alert.data })
      : Promise.resolve(null),
  ]);
  if (webhook && !webhook.delivered) {
    // The host only: a URL's path or query may carry a receiver's token.
    const host = channels.webhook ? new URL(channels.webhook.url).host : "";
    log("warn", "alert_webhook_failed", {
      workspaceId: alert.workspaceId,
      type: alert.type,
      alertKey: alert.alertKey,
      host,
      status: webhook.status,
      reason: webhook.error,
    });
  }
  log("info", "alert_delivered", {
    workspaceId: alert.workspaceId,
    type: alert.type,
    alertKey: alert.alertKey,
    emails: emails.filter((e) => e.delivered).length,
    emailsFailed: emails.filter((e) => !e.delivered).length,
    webhook: webhook ? webhook.delivered : null,
  });
  return { emails, webhook };
}

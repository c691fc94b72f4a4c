import { z } from "zod";
import { emailSchema } from "@/lib/mail/address";

/** What an alert is about; the webhook's `type` and the mail's subject line name it. */
export const ALERT_TYPES = ["budget.threshold_crossed", "ops.error_rate_exceeded", "test"] as const;
export type AlertType = (typeof ALERT_TYPES)[number];

export const MAX_ALERT_EMAILS = 10;
/** Test alerts an admin may send a minute (each one mails every address and calls the webhook). */
export const TEST_ALERTS_PER_MINUTE = 5;

/**
 * A webhook URL as an admin may save it: http(s), no user name or password in it (they would be
 * logged and shown back), at most 2,000 characters. Where it may point (public https, or loopback
 * and private addresses when allowed) is checked on the server: lib/notify/destination.ts.
 */
export const webhookUrlSchema = z
  .string()
  .trim()
  .max(2000, { error: "The webhook URL is too long (2,000 characters at most)." })
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        return (url.protocol === "https:" || url.protocol === "http:") && !url.username && !url.password;
      } catch {
        return false;
      }
    },
    { error: "Enter the webhook URL as https://… without a user name or password in it." },
  );

export const notificationSettingsBody = z.object({
  workspaceId: z.string().optional(),
  emails: z
    .array(emailSchema)
    .max(MAX_ALERT_EMAILS, { error: `At most ${MAX_ALERT_EMAILS} alert emails.` })
    .transform((list) => [...new Set(list)]),
  /** null or "" removes the webhook (and its secret). */
  webhookUrl: z.union([z.literal(""), webhookUrlSchema, z.null()]).transform((v) => (v ? v : null)),
});
export type NotificationSettingsInput = z.infer<typeof notificationSettingsBody>;

export const workspaceOnlyBody = z.object({ workspaceId: z.string().optional() });

/** The settings as an admin reads them: the signing secret itself is never in it. */
export interface NotificationSettingsView {
  emails: string[];
  webhookUrl: string | null;
  hasWebhookSecret: boolean;
  /** Whether this server can send mail at all (SMTP_URL set). */
  mailConfigured: boolean;
  updatedAt: string | null;
}

/** What a test alert reached. */
export interface AlertDeliveryReport {
  emails: { to: string; delivered: boolean }[];
  webhook: { delivered: boolean; status?: number; error?: string } | null;
}

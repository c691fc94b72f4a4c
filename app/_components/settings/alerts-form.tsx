"use client";

import { useState, useTransition } from "react";
import { regenerateWebhookSecret, saveNotificationSettings, sendTestAlert } from "../api/routes";
import type { AlertDeliveryReport, NotificationSettingsView } from "../api/types";
import { CopyButton } from "../ui/copy-button";
import { Feedback } from "../ui/feedback";

const parseEmails = (text: string) => [...new Set(text.split(/[\s,;]+/).filter(Boolean))];

/** Where a workspace's budget and ops alerts go: alert emails and a signed webhook (admins only). */
export function AlertsForm({ workspaceId, initial }: { workspaceId: string; initial: NotificationSettingsView }) {
  const [settings, setSettings] = useState(initial);
  const [emailsText, setEmailsText] = useState(initial.emails.join("\n"));
  const [webhookUrl, setWebhookUrl] = useState(initial.webhookUrl ?? "");
  const [secret, setSecret] = useState<string | null>(null);
  const [confirmingRotate, setConfirmingRotate] = useState(false);
  const [report, setReport] = useState<AlertDeliveryReport | null>(null);
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  // Which card the last action came from: its outcome shows there, next to the button pressed.
  const [origin, setOrigin] = useState<"save" | "secret" | "test">("save");

  const unchanged = parseEmails(emailsText).join(",") === settings.emails.join(",") && webhookUrl.trim() === (settings.webhookUrl ?? "");
  const hasChannel = (settings.emails.length > 0 && settings.mailConfigured) || (settings.webhookUrl !== null && settings.hasWebhookSecret);

  function act(from: "save" | "secret" | "test", action: () => Promise<string | undefined>) {
    setOrigin(from);
    setError(null);
    setMessage(null);
    setReport(null);
    startTransition(async () => {
      try {
        const done = await action();
        if (done) setMessage(done);
      } catch (err) {
        setError((err as Error).message);
      }
    });
  }

  return (
    <div className="space-y-6">
      <p className="muted">
        Budget and ops alerts for this workspace go to these addresses and to the webhook. Each alert is sent at most once per window (a
        budget threshold once a month, an ops alert once an hour per route), however many requests cross it.
      </p>

      <form
        className="card space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          act("save", async () => {
            const saved = await saveNotificationSettings({
              workspaceId,
              emails: parseEmails(emailsText),
              webhookUrl: webhookUrl.trim() || null,
            });
            const { newWebhookSecret, ...view } = saved;
            setSettings(view);
            setEmailsText(view.emails.join("\n"));
            setWebhookUrl(view.webhookUrl ?? "");
            setSecret(newWebhookSecret ?? null);
            return newWebhookSecret ? "Saved. Copy the webhook's signing secret below: it is shown only now." : "Alert settings saved.";
          });
        }}
      >
        <div>
          <label htmlFor="alert-emails" className="label">
            Alert emails, one per line
          </label>
          <textarea
            id="alert-emails"
            className="input"
            rows={3}
            placeholder="oncall@example.com"
            value={emailsText}
            spellCheck={false}
            autoComplete="off"
            aria-describedby="alert-emails-help"
            onChange={(e) => setEmailsText(e.target.value)}
          />
          <p id="alert-emails-help" className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
            {settings.mailConfigured
              ? "Up to 10 addresses; each receives its own mail."
              : "This server sends no mail (SMTP_URL is not set): the addresses are kept, but only the webhook receives alerts."}
          </p>
        </div>
        <div>
          <label htmlFor="alert-webhook" className="label">
            Webhook URL
          </label>
          <input
            id="alert-webhook"
            type="url"
            inputMode="url"
            className="input font-mono"
            placeholder="https://hooks.example.com/opencto"
            value={webhookUrl}
            spellCheck={false}
            autoComplete="off"
            aria-describedby="alert-webhook-help"
            onChange={(e) => setWebhookUrl(e.target.value)}
          />
          <p id="alert-webhook-help" className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
            Receives a POST of <code>{"{ type, timestamp, data }"}</code> signed per Standard Webhooks (headers webhook-id,
            webhook-timestamp, webhook-signature). https only; leave empty to send no webhook.
          </p>
        </div>
        <button type="submit" className="btn-primary" disabled={pending || unchanged}>
          Save alert settings
        </button>
        {origin === "save" && <Feedback error={error} message={message} />}
      </form>

      {settings.webhookUrl && (
        <div className="card space-y-2">
          <h2 className="font-semibold">Webhook signing secret</h2>
          {secret && (
            <div
              className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-3 dark:border-amber-800 dark:bg-amber-950/40"
              data-testid="webhook-secret"
            >
              <p className="text-sm">
                Shown once: store it with your receiver, which verifies each delivery with it, e.g.{" "}
                <code>new Webhook(secret).verify(body, headers)</code> from the <code>standardwebhooks</code> package.
              </p>
              <div className="flex items-center gap-2">
                <input
                  readOnly
                  className="input min-w-0 flex-1 font-mono"
                  aria-label="Webhook signing secret"
                  value={secret}
                  onFocus={(e) => e.currentTarget.select()}
                />
                <CopyButton key={secret} text={secret} />
              </div>
            </div>
          )}
          <p className="muted">
            {settings.hasWebhookSecret
              ? "A secret is set and stored encrypted; it cannot be shown again. Generate a new one if it was lost or exposed: the old one stops working at once."
              : "No signing secret yet: generate one, or the webhook receives nothing."}
          </p>
          {confirmingRotate ? (
            <div className="flex flex-wrap items-center gap-2">
              <span className="text-sm">Replace the secret? Receivers holding the old one will reject deliveries until updated.</span>
              <button
                type="button"
                className="btn-danger"
                disabled={pending}
                onClick={() => {
                  setConfirmingRotate(false);
                  act("secret", async () => {
                    const { webhookSecret } = await regenerateWebhookSecret(workspaceId);
                    setSecret(webhookSecret);
                    setSettings((s) => ({ ...s, hasWebhookSecret: true }));
                    return "New signing secret generated. Copy it now: it is shown only once.";
                  });
                }}
              >
                Replace secret
              </button>
              <button type="button" className="btn-secondary" onClick={() => setConfirmingRotate(false)}>
                Cancel
              </button>
            </div>
          ) : (
            <button
              type="button"
              className="btn-secondary"
              disabled={pending}
              onClick={() =>
                settings.hasWebhookSecret
                  ? setConfirmingRotate(true)
                  : act("secret", async () => {
                      const { webhookSecret } = await regenerateWebhookSecret(workspaceId);
                      setSecret(webhookSecret);
                      setSettings((s) => ({ ...s, hasWebhookSecret: true }));
                      return "Signing secret generated. Copy it now: it is shown only once.";
                    })
              }
            >
              {settings.hasWebhookSecret ? "Generate new secret" : "Generate secret"}
            </button>
          )}
          {origin === "secret" && <Feedback error={error} message={message} />}
        </div>
      )}

      <div className="card space-y-2">
        <h2 className="font-semibold">Send a test alert</h2>
        <p className="muted">
          Sends a <code>test</code> alert to every address and the webhook now, to check they arrive.
        </p>
        <button
          type="button"
          className="btn-secondary"
          disabled={pending || !hasChannel}
          onClick={() =>
            act("test", async () => {
              const result = await sendTestAlert(workspaceId);
              setReport(result);
              return undefined;
            })
          }
        >
          Send test alert
        </button>
        {!hasChannel && (
          <p className="text-xs text-zinc-600 dark:text-zinc-400">
            {settings.mailConfigured ? "Save an alert email or a webhook first." : "Save a webhook first (this server sends no mail)."}
          </p>
        )}
        {report && <TestReport report={report} />}
        {origin === "test" && <Feedback error={error} message={message} />}
      </div>

      <section className="card space-y-2" aria-labelledby="alert-kinds">
        <h2 id="alert-kinds" className="font-semibold">
          What each alert means
        </h2>
        <dl className="space-y-3 text-sm">
          <div>
            <dt className="font-mono text-xs">budget.threshold_crossed</dt>
            <dd className="muted">
              The workspace's or a member's month-to-date spend reached 80% or 100% of its monthly budget. At 100% the token route and the
              proxies answer 402 until the budget is raised or the month ends.
            </dd>
          </div>
          <div>
            <dt className="font-mono text-xs">ops.error_rate_exceeded</dt>
            <dd className="muted">
              Over the last 15 minutes (at least 5 requests), a watched route — the voice token, the voice relay, the OpenAI proxies —
              answered 5xx or 429 more often than the threshold. See the Ops page for which route and when.
            </dd>
          </div>
          <div>
            <dt className="font-mono text-xs">test</dt>
            <dd className="muted">Sent from this page to check delivery; nothing is wrong.</dd>
          </div>
        </dl>
      </section>
    </div>
  );
}

function TestReport({ report }: { report: AlertDeliveryReport }) {
  const lines = [
    ...report.emails.map((e) => ({
      what: e.to,
      ok: e.delivered,
      detail: e.delivered ? "mail accepted by the SMTP server" : "mail not sent",
    })),
    ...(report.webhook
      ? [
          {
            what: "Webhook",
            ok: report.webhook.delivered,
            detail: report.webhook.delivered ? `answered ${report.webhook.status}` : (report.webhook.error ?? "not delivered"),
          },
        ]
      : []),
  ];
  const allOk = lines.every((l) => l.ok);
  return (
    <ul role="status" className={allOk ? "alert-success space-y-1" : "alert-error space-y-1"} data-testid="test-alert-report">
      {lines.map((l) => (
        <li key={l.what} className="break-words">
          {l.ok ? "✓" : "✗"} <span className="font-medium">{l.what}</span>: {l.detail}
        </li>
      ))}
    </ul>
  );
}

"use client";

import { useState } from "react";
import type { TelephonyAction } from "@/db/enums";
import { saveTelephonySettings } from "../api/routes";
import type { TelephonySettings } from "../api/types";
import { useMutation } from "../api/use-mutation";
import { CopyButton } from "../ui/copy-button";
import { Feedback } from "../ui/feedback";

const list = (text: string) => text.split(/[\s,]+/).filter(Boolean);
const ACTIONS: Array<{ value: TelephonyAction; label: string }> = [
  { value: "accept", label: "Answer with the assistant" },
  { value: "reject", label: "Reject" },
  { value: "refer", label: "Transfer to the number below" },
];

/** Webhook URL and signing secret, and the call policy (admins only: the page shows it to no one else). */
export function TelephonyForm({
  workspaceId,
  webhookUrl,
  initial,
}: {
  workspaceId: string;
  webhookUrl: string;
  initial: TelephonySettings;
}) {
  const [secret, setSecret] = useState("");
  const [defaultAction, setDefaultAction] = useState(initial.defaultAction);
  const [allow, setAllow] = useState(initial.allowPrefixes.join("\n"));
  const [deny, setDeny] = useState(initial.denyPrefixes.join("\n"));
  const [referTarget, setReferTarget] = useState(initial.referTarget ?? "");
  const [rejectStatus, setRejectStatus] = useState(String(initial.rejectStatus));
  const { pending, error, message, run } = useMutation();
  const hint = "mt-1 text-xs text-zinc-600 dark:text-zinc-400";
  return (
    <form
      className="card space-y-4"
      aria-label="Telephony settings"
      onSubmit={(e) => {
        e.preventDefault();
        run(async () => {
          await saveTelephonySettings({
            workspaceId,
            ...(secret.trim() ? { secret: secret.trim() } : {}),
            defaultAction,
            allowPrefixes: list(allow),
            denyPrefixes: list(deny),
            referTarget: referTarget.trim() || null,
            rejectStatus: Number(rejectStatus),
          });
          setSecret("");
          return "Telephony settings saved.";
        });
      }}
    >
      <div>
        <label htmlFor="telephony-webhook-url" className="label">
          Webhook URL
        </label>
        <div className="flex gap-2">
          <input id="telephony-webhook-url" className="input min-w-0 font-mono text-xs" value={webhookUrl} readOnly />
          <CopyButton text={webhookUrl} />
        </div>
        <p className={hint}>
          In the OpenAI dashboard, add a webhook for the <code>realtime.call.incoming</code> event with this URL.
        </p>
      </div>
      <div>
        <label htmlFor="telephony-secret" className="label">
          Webhook signing secret
        </label>
        <input
          id="telephony-secret"
          className="input font-mono"
          type="password"
          autoComplete="off"
          spellCheck={false}
          placeholder={initial.secretSaved ? "Paste a new secret to replace the saved one" : "whsec_…"}
          value={secret}
          onChange={(e) => setSecret(e.target.value)}
        />
        <p className={hint}>
          {initial.secretSaved
            ? `Saved (${initial.secretHint}), encrypted; it is never shown again.`
            : "OpenAI shows it once when you create the webhook. Until it is saved here the webhook answers 404."}
        </p>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor="telephony-action" className="label">
            Incoming calls
          </label>
          <select
            id="telephony-action"
            className="input"
            value={defaultAction}
            onChange={(e) => setDefaultAction(e.target.value as TelephonyAction)}
          >
            {ACTIONS.map((a) => (
              <option key={a.value} value={a.value}>
                {a.label}
              </option>
            ))}
          </select>
          <p className={hint}>
            For callers the prefix lists let through. With no budget left, calls go to the transfer number (or hear 480).
          </p>
        </div>
        <div>
          <label htmlFor="telephony-reject-status" className="label">
            Rejection SIP status
          </label>
          <input
            id="telephony-reject-status"
            className="input"
            type="number"
            min={400}
            max={699}
            value={rejectStatus}
            onChange={(e) => setRejectStatus(e.target.value)}
          />
          <p className={hint}>603 Decline, 486 Busy Here, 403 Forbidden…</p>
        </div>
        <div>
          <label htmlFor="telephony-allow" className="label">
            Allowed caller prefixes
          </label>
          <textarea
            id="telephony-allow"
            className="input font-mono"
            rows={3}
            placeholder="+1415"
            spellCheck={false}
            value={allow}
            onChange={(e) => setAllow(e.target.value)}
          />
          <p className={hint}>E.164 prefixes, one per line. With any, only callers starting with one get through.</p>
        </div>
        <div>
          <label htmlFor="telephony-deny" className="label">
            Denied caller prefixes
          </label>
          <textarea
            id="telephony-deny"
            className="input font-mono"
            rows={3}
            placeholder="+1900"
            spellCheck={false}
            value={deny}
            onChange={(e) => setDeny(e.target.value)}
          />
          <p className={hint}>Rejected with the status above, whatever else applies.</p>
        </div>
      </div>
      <div>
        <label htmlFor="telephony-refer" className="label">
          Transfer number
        </label>
        <input
          id="telephony-refer"
          className="input font-mono"
          placeholder="+14155550100 or sip:desk@pbx.example.com"
          spellCheck={false}
          value={referTarget}
          onChange={(e) => setReferTarget(e.target.value)}
        />
        <p className={hint}>Where "Transfer" sends calls, and where an admin's transfer of a live call goes.</p>
      </div>
      <button type="submit" className="btn-primary" disabled={pending}>
        Save telephony settings
      </button>
      <Feedback error={error} message={message} />
    </form>
  );
}

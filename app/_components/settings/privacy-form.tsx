"use client";

import { useState } from "react";
import { MAX_TRACE_DAYS } from "@/lib/privacy/schemas";
import { savePrivacySettings } from "../api/routes";
import type { PrivacySettings } from "../api/types";
import { useMutation } from "../api/use-mutation";
import { Feedback } from "../ui/feedback";

const hint = "mt-1 text-xs text-zinc-600 dark:text-zinc-400";

/** Privacy mode, or the call trace and how long it is kept (one excludes the other). */
export function PrivacyForm({ workspaceId, initial }: { workspaceId: string; initial: PrivacySettings }) {
  const [privacy, setPrivacy] = useState(initial.privacy);
  const [trace, setTrace] = useState(initial.trace);
  const [days, setDays] = useState(String(initial.traceDays));
  const { pending, error, message, run } = useMutation();
  return (
    <form
      className="card space-y-5"
      aria-label="Privacy and trace"
      onSubmit={(e) => {
        e.preventDefault();
        run(async () => {
          await savePrivacySettings({ workspaceId, privacy, trace: trace && !privacy, traceDays: Number(days) });
          return "Privacy settings saved. They apply from the next call.";
        });
      }}
    >
      <div>
        <label className="flex items-start gap-3">
          <input
            type="checkbox"
            className="mt-1"
            checked={privacy}
            onChange={(e) => {
              setPrivacy(e.target.checked);
              if (e.target.checked) setTrace(false);
            }}
          />
          <span>
            <span className="font-medium">Privacy mode</span>
            <span className={`block ${hint}`}>
              No transcript or event text of this workspace's calls is stored or written to the server's log. Usage, cost and the audit of
              remote tool calls (sizes only) are still recorded. Traces cannot be kept.
            </span>
          </span>
        </label>
      </div>
      <div>
        <label className="flex items-start gap-3">
          <input type="checkbox" className="mt-1" checked={trace} disabled={privacy} onChange={(e) => setTrace(e.target.checked)} />
          <span>
            <span className="font-medium">Trace calls</span>
            <span className={`block ${hint}`}>
              Keeps every event of each call the server sees (transcripts included; keys, tokens and audio left out) so admins can download
              it as JSON for debugging.
            </span>
          </span>
        </label>
        <div className="mt-3 max-w-48 pl-7">
          <label htmlFor="trace-days" className="label">
            Keep traces for (days)
          </label>
          <input
            id="trace-days"
            className="input"
            type="number"
            min={1}
            max={MAX_TRACE_DAYS}
            disabled={privacy || !trace}
            value={days}
            onChange={(e) => setDays(e.target.value)}
          />
        </div>
      </div>
      <button type="submit" className="btn-primary" disabled={pending}>
        Save privacy settings
      </button>
      <Feedback error={error} message={message} />
    </form>
  );
}

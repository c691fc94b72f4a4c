"use client";

import { useState } from "react";

export type ApprovalStatus = "pending" | "sending" | "approved" | "denied" | "done" | "failed";

export interface ApprovalView {
  id: string;
  server: string;
  tool: string;
  /** The arguments as JSON text. */
  arguments: string;
  status: ApprovalStatus;
  /** The tool's answer (or error) once the approved call finished. */
  result?: string;
}

const STATUS_TEXT: Record<Exclude<ApprovalStatus, "pending">, string> = {
  sending: "Sending your answer…",
  approved: "Approved. Waiting for the server's answer…",
  denied: "Denied. Nothing was sent to the server.",
  done: "Approved and done.",
  failed: "Approved, but the server's tool failed.",
};

const ARGUMENTS_LABEL: Record<ApprovalStatus, string> = {
  pending: "These arguments go to the server if you approve:",
  sending: "These arguments go to the server if you approve:",
  approved: "Sent to the server:",
  done: "Sent to the server:",
  failed: "Sent to the server:",
  denied: "Not sent:",
};

const pretty = (json: string) => {
  try {
    return JSON.stringify(JSON.parse(json), null, 2);
  } catch {
    return json;
  }
};

/**
 * A remote MCP tool call that needs the user's approval: which server, which tool, exactly what
 * would be sent; Approve / Deny, then what became of it. Used by the voice and chat pages.
 */
export function ApprovalCard({ approval, onDecide }: { approval: ApprovalView; onDecide(approve: boolean): void }) {
  const [showResult, setShowResult] = useState(false);
  const pending = approval.status === "pending";
  return (
    <section
      className={`rounded-lg border p-4 text-sm ${
        pending ? "border-amber-300 bg-amber-50 dark:border-amber-800 dark:bg-amber-950/40" : "border-zinc-200 dark:border-zinc-800"
      }`}
      aria-label={`Approval for ${approval.tool} on ${approval.server}`}
      data-testid="approval-card"
      data-status={approval.status}
    >
      <p className="font-medium">
        {pending ? "The assistant wants to use a remote tool" : "Remote tool"}: <span className="font-mono">{approval.tool}</span> on{" "}
        <span className="font-mono">{approval.server}</span>
      </p>
      <p className="muted mt-1 text-xs">{ARGUMENTS_LABEL[approval.status]}</p>
      <pre className="mt-1 max-h-48 overflow-auto whitespace-pre-wrap break-all rounded bg-white p-2 font-mono text-xs dark:bg-zinc-900">
        {pretty(approval.arguments)}
      </pre>
      {approval.status === "pending" ? (
        <div className="mt-3 flex flex-wrap gap-2">
          <button type="button" className="btn-primary" onClick={() => onDecide(true)}>
            Approve
          </button>
          <button type="button" className="btn-secondary" onClick={() => onDecide(false)}>
            Deny
          </button>
        </div>
      ) : (
        <div className="mt-3 space-y-2">
          <p role="status" className={approval.status === "failed" ? "text-red-700 dark:text-red-400" : "muted"}>
            {STATUS_TEXT[approval.status]}
          </p>
          {approval.result !== undefined && (
            <>
              <button type="button" className="text-xs underline" aria-expanded={showResult} onClick={() => setShowResult(!showResult)}>
                {showResult ? "Hide the answer" : "Show the answer"}
              </button>
              {showResult && (
                <pre className="max-h-48 overflow-auto whitespace-pre-wrap break-all rounded bg-zinc-50 p-2 font-mono text-xs dark:bg-zinc-900">
                  {pretty(approval.result)}
                </pre>
              )}
            </>
          )}
        </div>
      )}
    </section>
  );
}

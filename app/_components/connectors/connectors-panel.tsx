"use client";

import { useState } from "react";
import { removeConnector } from "../api/routes";
import type { Connector } from "../api/types";
import { useMutation } from "../api/use-mutation";
import { useConfirm } from "../ui/confirm-dialog";
import { Feedback } from "../ui/feedback";
import { ConnectorForm } from "./connector-form";

const approvalLabel = (c: Connector) =>
  c.approval === "always"
    ? "Asks before every call"
    : c.approval === "never"
      ? "Never asks"
      : `Asks first for: ${c.approvalTools.join(", ")}`;

/** The workspace's remote MCP servers: each with its policy, an edit form on demand, and removal. */
export function ConnectorsPanel({ workspaceId, connectors }: { workspaceId: string; connectors: Connector[] }) {
  const [editing, setEditing] = useState<string | null>(null);
  const { confirm, dialog } = useConfirm();
  const { pending, error, message, run } = useMutation();
  return (
    <div className="space-y-6">
      <section className="card space-y-4" aria-labelledby="connectors-heading">
        <div>
          <h2 id="connectors-heading" className="font-semibold">
            Remote MCP servers
          </h2>
          <p className="muted">
            The assistant can use these servers' tools in voice calls. OpenAI calls each server on the workspace's behalf; every call is
            audited below (server, tool and payload size, never the content).
          </p>
        </div>
        {connectors.length === 0 ? (
          <p className="muted">No connectors yet. Add one below.</p>
        ) : (
          <ul className="divide-y divide-zinc-200 dark:divide-zinc-800" data-testid="connectors">
            {connectors.map((c) => (
              <li key={c.id} className="space-y-3 py-3">
                <div className="flex flex-wrap items-start justify-between gap-3">
                  <div className="min-w-0">
                    <p className="font-mono font-medium">{c.label}</p>
                    <p className="muted break-all font-mono text-xs">{c.url}</p>
                    {c.description && <p className="muted text-sm">{c.description}</p>}
                    <p className="mt-1 flex flex-wrap gap-1.5 text-xs">
                      <span
                        className={`rounded-full px-2 py-0.5 ${
                          c.approval === "never"
                            ? "bg-zinc-100 dark:bg-zinc-800"
                            : "bg-amber-100 text-amber-900 dark:bg-amber-900/40 dark:text-amber-200"
                        }`}
                      >
                        {approvalLabel(c)}
                      </span>
                      <span className="rounded-full bg-zinc-100 px-2 py-0.5 dark:bg-zinc-800">
                        {c.allowedTools.length > 0 ? `Tools: ${c.allowedTools.join(", ")}` : "All tools"}
                      </span>
                      <span className="rounded-full bg-zinc-100 px-2 py-0.5 dark:bg-zinc-800">
                        {c.authorizationSaved ? `Token ${c.authorizationHint}` : "No token"}
                      </span>
                    </p>
                  </div>
                  <div className="flex shrink-0 gap-2">
                    <button type="button" className="btn-secondary" onClick={() => setEditing(editing === c.id ? null : c.id)}>
                      {editing === c.id ? "Close" : "Edit"}
                    </button>
                    <button
                      type="button"
                      className="btn-danger"
                      disabled={pending}
                      onClick={async () => {
                        const ok = await confirm({
                          title: `Remove ${c.label}?`,
                          body: "New calls no longer offer its tools, and its saved token is deleted.",
                          confirmLabel: "Remove connector",
                          danger: true,
                        });
                        if (ok)
                          run(async () => {
                            await removeConnector(c.id, workspaceId);
                            return `Connector ${c.label} removed.`;
                          });
                      }}
                    >
                      Remove
                    </button>
                  </div>
                </div>
                {editing === c.id && <ConnectorForm workspaceId={workspaceId} initial={c} onDone={() => setEditing(null)} />}
              </li>
            ))}
          </ul>
        )}
        <Feedback error={error} message={message} />
      </section>
      <ConnectorForm workspaceId={workspaceId} />
      {dialog}
    </div>
  );
}

"use client";

import { useState } from "react";
import type { McpApprovalPolicy } from "@/db/enums";
import { saveConnector } from "../api/routes";
import type { Connector } from "../api/types";
import { useMutation } from "../api/use-mutation";
import { Feedback } from "../ui/feedback";

const list = (text: string) => text.split(/[\s,]+/).filter(Boolean);
const APPROVALS: Array<{ value: McpApprovalPolicy; label: string }> = [
  { value: "always", label: "Ask before every tool call" },
  { value: "per_tool", label: "Ask only for the tools listed below" },
  { value: "never", label: "Never ask" },
];
const hint = "mt-1 text-xs text-zinc-600 dark:text-zinc-400";

/** Adds a remote MCP server, or edits one (`initial`); the access token is write-only. */
export function ConnectorForm({ workspaceId, initial, onDone }: { workspaceId: string; initial?: Connector; onDone?: () => void }) {
  const [label, setLabel] = useState(initial?.label ?? "");
  const [url, setUrl] = useState(initial?.url ?? "");
  const [description, setDescription] = useState(initial?.description ?? "");
  const [allowed, setAllowed] = useState(initial?.allowedTools.join("\n") ?? "");
  const [approval, setApproval] = useState<McpApprovalPolicy>(initial?.approval ?? "always");
  const [approvalTools, setApprovalTools] = useState(initial?.approvalTools.join("\n") ?? "");
  const [token, setToken] = useState("");
  const [removeToken, setRemoveToken] = useState(false);
  const { pending, error, message, run } = useMutation();
  const id = initial?.id ?? "new";
  return (
    <form
      className="card space-y-4"
      aria-label={initial ? `Edit connector ${initial.label}` : "Add a connector"}
      onSubmit={(e) => {
        e.preventDefault();
        run(async () => {
          await saveConnector(
            {
              workspaceId,
              label: label.trim(),
              url: url.trim(),
              description: description.trim() || null,
              allowedTools: list(allowed),
              approval,
              approvalTools: approval === "per_tool" ? list(approvalTools) : [],
              ...(removeToken ? { authorization: null } : token.trim() ? { authorization: token.trim() } : {}),
            },
            initial?.id,
          );
          setToken("");
          if (!initial) {
            setLabel("");
            setUrl("");
            setDescription("");
            setAllowed("");
            setApproval("always");
            setApprovalTools("");
          }
          onDone?.();
          return initial ? `Connector ${label.trim()} saved.` : `Connector ${label.trim()} added.`;
        });
      }}
    >
      <h2 className="font-semibold">{initial ? `Edit ${initial.label}` : "Add a connector"}</h2>
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor={`connector-label-${id}`} className="label">
            Label
          </label>
          <input
            id={`connector-label-${id}`}
            className="input font-mono"
            placeholder="crm"
            spellCheck={false}
            required
            value={label}
            onChange={(e) => setLabel(e.target.value)}
          />
          <p className={hint}>How the model and the audit name this server: a letter, then letters, digits, _ or -.</p>
        </div>
        <div>
          <label htmlFor={`connector-url-${id}`} className="label">
            Server URL
          </label>
          <input
            id={`connector-url-${id}`}
            className="input font-mono"
            type="url"
            placeholder="https://mcp.example.com/mcp"
            spellCheck={false}
            required
            value={url}
            onChange={(e) => setUrl(e.target.value)}
          />
          <p className={hint}>The MCP server's streamable HTTP endpoint. OpenAI calls it, so it must be reachable from the internet.</p>
        </div>
      </div>
      <div>
        <label htmlFor={`connector-description-${id}`} className="label">
          Description (optional)
        </label>
        <input
          id={`connector-description-${id}`}
          className="input"
          placeholder="Customer records: look up accounts and their open tickets"
          maxLength={500}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor={`connector-allowed-${id}`} className="label">
            Allowed tools
          </label>
          <textarea
            id={`connector-allowed-${id}`}
            className="input font-mono"
            rows={3}
            placeholder="lookup_customer"
            spellCheck={false}
            value={allowed}
            onChange={(e) => setAllowed(e.target.value)}
          />
          <p className={hint}>One per line. Empty: every tool the server lists.</p>
        </div>
        <div>
          <label htmlFor={`connector-approval-${id}`} className="label">
            Approval
          </label>
          <select
            id={`connector-approval-${id}`}
            className="input"
            value={approval}
            onChange={(e) => setApproval(e.target.value as McpApprovalPolicy)}
          >
            {APPROVALS.map((a) => (
              <option key={a.value} value={a.value}>
                {a.label}
              </option>
            ))}
          </select>
          <p className={hint}>When a call needs approval, the person in the conversation sees what would be sent and decides.</p>
          {approval === "per_tool" && (
            <>
              <label htmlFor={`connector-approval-tools-${id}`} className="label mt-3">
                Tools that ask first
              </label>
              <textarea
                id={`connector-approval-tools-${id}`}
                className="input font-mono"
                rows={2}
                spellCheck={false}
                value={approvalTools}
                onChange={(e) => setApprovalTools(e.target.value)}
              />
              <p className={hint}>With no allowed tools listed, tools not named here ask first too.</p>
            </>
          )}
        </div>
      </div>
      <div>
        <label htmlFor={`connector-token-${id}`} className="label">
          Access token (optional)
        </label>
        <input
          id={`connector-token-${id}`}
          className="input font-mono"
          type="password"
          autoComplete="off"
          spellCheck={false}
          disabled={removeToken}
          placeholder={initial?.authorizationSaved ? "Paste a new token to replace the saved one" : "Sent as Authorization: Bearer …"}
          value={token}
          onChange={(e) => setToken(e.target.value)}
        />
        <p className={hint}>
          {initial?.authorizationSaved
            ? `Saved (${initial.authorizationHint}), encrypted; it is never shown again and never reaches a browser.`
            : "Encrypted in the vault; sent only to OpenAI, which presents it to the server."}
        </p>
        {initial?.authorizationSaved && (
          <label className="mt-2 flex items-center gap-2 text-sm">
            <input type="checkbox" checked={removeToken} onChange={(e) => setRemoveToken(e.target.checked)} />
            Remove the saved token
          </label>
        )}
      </div>
      <div className="flex flex-wrap gap-2">
        <button type="submit" className="btn-primary" disabled={pending}>
          {initial ? "Save connector" : "Add connector"}
        </button>
        {onDone && initial && (
          <button type="button" className="btn-secondary" onClick={onDone}>
            Cancel
          </button>
        )}
      </div>
      <Feedback error={error} message={message} />
    </form>
  );
}

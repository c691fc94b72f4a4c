import "server-only";
import { recordAuditEvent } from "@/lib/audit/events";

interface McpItem {
  type?: string;
  id?: string;
  server_label?: string;
  name?: string;
  arguments?: string;
  output?: string | null;
  error?: { message?: string; type?: string } | null;
  approval_request_id?: string | null;
  approve?: boolean;
}

const bytes = (text: string | null | undefined) => Buffer.byteLength(text ?? "", "utf8");

/**
 * Audits every call the model made to a remote MCP server in one relayed call, from the events
 * the sideband sees: server, tool, how many bytes went out and came back, and who approved it
 * (the caller: only their browser holds the call's data channel), or that it needed no approval.
 * Denials are audited too. Never the payloads themselves: they may hold private text.
 */
export class McpCallAuditor {
  private readonly answered = new Map<string, boolean>();
  private readonly requests = new Map<string, McpItem>();
  private readonly done = new Set<string>();

  constructor(private readonly call: { workspaceId: string; callerUserId: string | null }) {}

  event(event: { type?: string; item?: McpItem }): Promise<void> | undefined {
    const item = event.item;
    if (!item?.id) return undefined;
    if (event.type === "response.output_item.done" && item.type === "mcp_approval_request") {
      this.requests.set(item.id, item);
      return undefined;
    }
    if (event.type === "conversation.item.added" && item.type === "mcp_approval_response" && item.approval_request_id) {
      this.answered.set(item.approval_request_id, item.approve === true);
      if (item.approve === true) return undefined;
      const request = this.requests.get(item.approval_request_id);
      const what = request
        ? `server ${request.server_label}, tool ${request.name}, ${bytes(request.arguments)} bytes not sent`
        : "unknown request";
      return this.record(item.id, "mcp.denied", this.call.callerUserId, `${what}, denied by the caller`);
    }
    if (event.type === "response.output_item.done" && item.type === "mcp_call") {
      const approved = item.approval_request_id ? this.answered.get(item.approval_request_id) : undefined;
      const approval = item.approval_request_id ? (approved ? "approved by the caller" : "approval not seen") : "no approval required";
      const outcome = item.error ? `failed (${item.error.type ?? "error"})` : `${bytes(item.output)} bytes back`;
      return this.record(
        item.id,
        "mcp.called",
        approved ? this.call.callerUserId : null,
        `server ${item.server_label}, tool ${item.name}, ${bytes(item.arguments)} bytes sent, ${outcome}, ${approval}`,
      );
    }
    return undefined;
  }

  private record(itemId: string, action: "mcp.called" | "mcp.denied", actorUserId: string | null, detail: string) {
    if (this.done.has(itemId)) return undefined;
    this.done.add(itemId);
    return recordAuditEvent({ workspaceId: this.call.workspaceId, actorUserId, action, detail });
  }
}

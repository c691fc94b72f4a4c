import "server-only";
import type { McpServerRow } from "@/db/schema";
import type { McpToolSpec } from "@/lib/openai/responses";
import { log } from "@/lib/log";
import { DecryptError } from "@/lib/vault/cipher";
import { connectorRows, openAuthorization } from "./store";

/**
 * Per tool: the listed tools ask first and the other allowed tools do not. With no allow list the
 * unlisted tools are unknown, so they are left to OpenAI's default, which asks (fail safe).
 */
export function requireApproval(row: Pick<McpServerRow, "approval" | "approvalTools" | "allowedTools">): McpToolSpec["require_approval"] {
  if (row.approval !== "per_tool") return row.approval;
  const never = row.allowedTools.filter((t) => !row.approvalTools.includes(t));
  return { always: { tool_names: row.approvalTools }, ...(never.length > 0 ? { never: { tool_names: never } } : {}) };
}

export function mcpToolOf(row: McpServerRow, authorization: string | null): McpToolSpec {
  return {
    type: "mcp",
    server_label: row.label,
    server_url: row.url,
    ...(row.description ? { server_description: row.description } : {}),
    ...(authorization ? { authorization } : {}),
    ...(row.allowedTools.length > 0 ? { allowed_tools: row.allowedTools } : {}),
    require_approval: requireApproval(row),
  };
}

/**
 * The workspace's remote MCP servers as `mcp` tools for a Realtime session or a Responses
 * request, authorization included: server-side only, never for a browser. A connector whose
 * authorization this server's keyring cannot open is left out (logged), not sent without it.
 */
export async function mcpToolsFor({ workspaceId }: { workspaceId: string }): Promise<McpToolSpec[]> {
  const tools: McpToolSpec[] = [];
  for (const row of await connectorRows({ workspaceId })) {
    try {
      tools.push(mcpToolOf(row, openAuthorization(row)));
    } catch (error) {
      if (!(error instanceof DecryptError)) throw error;
      log("error", "connector_decrypt_failed", { workspaceId, connectorId: row.id, reason: error.message });
    }
  }
  return tools;
}

import { randomId } from "../http-util";
import { argumentsFor } from "../realtime/brain";
import {
  callMcpTool,
  isMcpTool,
  type ListedTool,
  listMcpTools,
  type McpToolConfig,
  mcpArguments,
  mcpToolProblem,
  needsApproval,
  pickMcpTool,
} from "../realtime/mcp";
import type { RealtimeTool } from "../realtime/session-config";
import { summariseToolOutput } from "../realtime/summary";
import { lastUserText } from "./chat";

// Remote MCP tools in POST /v1/responses, as the Realtime side does them: tools/list once per
// server (skipped when the input already carries that server's mcp_list_tools item), an
// mcp_approval_request when the server's policy asks, and on the next request's
// mcp_approval_response (found in the input, or in the previous_response_id's stored items)
// the mcp_call and a sentence from its result, or a sentence saying it was declined.

export type OutputItem = Record<string, unknown> & { id: string; type: string };
type InputItem = Record<string, unknown> & { type?: unknown };

/** What the MCP side decided: its output items, then a message (text), nothing more (null: awaiting approval) or no say (undefined). */
export interface McpTurn {
  items: OutputItem[];
  text: string | null | undefined;
}

export class McpRequestError extends Error {
  constructor(
    message: string,
    readonly param: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/** The request's `mcp` tools, each checked as the API does; throws McpRequestError for a bad one. */
export function mcpTools(tools: RealtimeTool[]): McpToolConfig[] {
  for (const [i, tool] of tools.entries()) {
    if (tool.type !== "mcp") continue;
    const problem = mcpToolProblem(tool as unknown as Record<string, unknown>, `tools[${i}]`);
    if (problem) throw new McpRequestError(problem.message, problem.param, "invalid_value");
  }
  return tools.filter(isMcpTool);
}

async function listed(tools: McpToolConfig[], items: InputItem[]) {
  const byServer = new Map<string, ListedTool[]>();
  const added: OutputItem[] = [];
  for (const tool of tools) {
    const earlier = items.find((i) => i.type === "mcp_list_tools" && i.server_label === tool.server_label);
    if (earlier) {
      byServer.set(tool.server_label, (earlier.tools as ListedTool[] | undefined) ?? []);
      continue;
    }
    const item: OutputItem = { id: randomId("mcpl_", 24), type: "mcp_list_tools", server_label: tool.server_label, tools: [], error: null };
    try {
      item.tools = await listMcpTools(tool);
      byServer.set(tool.server_label, item.tools as ListedTool[]);
    } catch (error) {
      item.error = `Error retrieving tool list from MCP server: '${tool.server_label}'. ${(error as Error).message}`;
    }
    added.push(item);
  }
  return { byServer, added };
}

async function called(tool: McpToolConfig | undefined, server: string, name: string, args: string, approvalId: string | null) {
  const result = tool
    ? await callMcpTool(tool, name, args)
    : { output: null, error: { type: "protocol_error", code: -32602, message: `Unknown MCP server '${server}'.` } };
  const item: OutputItem = {
    id: randomId("mcp_", 24),
    type: "mcp_call",
    status: result.error ? "failed" : "completed",
    server_label: server,
    name,
    arguments: args,
    approval_request_id: approvalId,
    output: result.output,
    error: result.error,
  };
  return { item, text: summariseToolOutput(result.output ?? String(result.error?.message ?? "The tool failed.")) };
}

function answer(items: InputItem[], tools: McpToolConfig[], response: InputItem): Promise<McpTurn> | McpTurn {
  const requestId = response.approval_request_id;
  const request = items.find((i) => i.type === "mcp_approval_request" && i.id === requestId);
  if (!request) throw new McpRequestError(`Approval request ID '${String(requestId)}' not found.`, "input", "invalid_value");
  if (typeof response.approve !== "boolean")
    throw new McpRequestError("Missing required parameter: 'input.approve'.", "input", "missing_required_parameter");
  const server = String(request.server_label);
  const name = String(request.name);
  if (!response.approve) return { items: [], text: `You declined, so I did not use ${name} on ${server}.` };
  const tool = tools.find((t) => t.server_label === server);
  return called(tool, server, name, String(request.arguments ?? "{}"), String(requestId)).then(({ item, text }) => ({
    items: [item],
    text,
  }));
}

/** The MCP part of one response, from the conversation so far (the previous response's items, then this input). */
export async function mcpTurn(items: InputItem[], tools: McpToolConfig[], toolChoice: unknown): Promise<McpTurn> {
  const last = items.at(-1);
  if (last?.type === "mcp_approval_response") return answer(items, tools, last);
  if (tools.length === 0 || toolChoice === "none" || last?.role !== "user") return { items: [], text: undefined };
  const said = lastUserText(items);
  const { byServer, added } = await listed(tools, items);
  const picked = pickMcpTool(said, byServer);
  if (!picked) return { items: added, text: undefined };
  const args = JSON.stringify(mcpArguments(picked.tool.input_schema, said, argumentsFor(picked.tool.input_schema)));
  const tool = tools.find((t) => t.server_label === picked.server);
  if (tool && needsApproval(tool, picked.tool.name)) {
    const request = {
      id: randomId("mcpr_", 24),
      type: "mcp_approval_request",
      server_label: picked.server,
      name: picked.tool.name,
      arguments: args,
    };
    return { items: [...added, request], text: null };
  }
  const { item, text } = await called(tool, picked.server, picked.tool.name, args, null);
  return { items: [...added, item], text };
}

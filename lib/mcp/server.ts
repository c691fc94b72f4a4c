import "server-only";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { MCP_TOOL_INPUTS, MCP_TOOL_NAMES, type McpToolName } from "./schemas";
import { type McpCaller, mcpTools, refusal } from "./tools";

const SERVER_INFO = { name: "opencto-dashboard", title: "OpenCTO Dashboard", version: "1.0.0" };
const INSTRUCTIONS =
  "Tools for this workspace's OpenAI Realtime control plane (client secrets, voice and phone calls) and its usage, costs and proxy health. Each tool also needs its own scope on the API token; a refusal names the missing one.";

const failed = (text: string): CallToolResult => ({ content: [{ type: "text", text }], isError: true });

/** Runs one tool for the caller: the token's scope and the member's role first, then the lib function; errors as sentences. */
async function callTool(caller: McpCaller, name: McpToolName, input: unknown): Promise<CallToolResult> {
  const refused = refusal(caller, name);
  if (refused) return failed(refused);
  try {
    const result = await (mcpTools[name].run as (c: McpCaller, i: unknown) => Promise<unknown>)(caller, input);
    return { content: [{ type: "text", text: JSON.stringify(result) }] };
  } catch (error) {
    if (error instanceof AppError) return failed(error.message);
    log("error", "mcp_tool_failed", {
      workspaceId: caller.workspaceId,
      tool: name,
      cause: error instanceof Error ? error.name : "unknown",
    });
    return failed("The tool failed on the server. Try again shortly.");
  }
}

function serverFor(caller: McpCaller): McpServer {
  const server = new McpServer(SERVER_INFO, { instructions: INSTRUCTIONS });
  for (const name of MCP_TOOL_NAMES) {
    const tool = mcpTools[name];
    server.registerTool(
      name,
      { title: tool.title, description: tool.description, inputSchema: MCP_TOOL_INPUTS[name], annotations: tool.annotations },
      (input: unknown) => callTool(caller, name, input),
    );
  }
  return server;
}

/**
 * One Streamable HTTP request, stateless: a server and transport per request (no session to
 * keep between serverless invocations), answering JSON rather than a stream.
 */
export async function handleMcp({ req, body, caller }: { req: Request; body: unknown; caller: McpCaller }): Promise<Response> {
  const server = serverFor(caller);
  const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
  await server.connect(transport);
  try {
    return await transport.handleRequest(req, { parsedBody: body });
  } finally {
    await server.close();
  }
}

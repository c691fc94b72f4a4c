import type { JsonSchema, RealtimeTool } from "./session-config";

// Remote MCP servers as the Realtime API uses them: the `mcp` tool in a session, tools/list when
// it is added, tools/call when the model calls one (after approval, when the tool needs it).
// Speaks MCP's streamable HTTP transport (JSON-RPC over POST; JSON or SSE answers).

export interface McpToolConfig extends RealtimeTool {
  type: "mcp";
  server_label: string;
  server_url?: string;
  authorization?: string;
  headers?: Record<string, string> | null;
  allowed_tools?: string[] | { tool_names?: string[] } | null;
  require_approval?: "always" | "never" | { always?: { tool_names?: string[] }; never?: { tool_names?: string[] } } | null;
}

export interface ListedTool {
  name: string;
  description?: string;
  input_schema: JsonSchema;
  annotations?: Record<string, unknown> | null;
}

export const isMcpTool = (tool: RealtimeTool): tool is McpToolConfig =>
  tool.type === "mcp" && typeof (tool as { server_label?: unknown }).server_label === "string";

/** What session.created / session.updated report of a tool: never its authorization or headers. */
export function publicTool(tool: RealtimeTool): RealtimeTool {
  if (!isMcpTool(tool)) return tool;
  const { authorization: _a, headers: _h, ...rest } = tool;
  return rest;
}

/** The API's checks of one `mcp` tool in a session; null when it is valid. */
export function mcpToolProblem(tool: Record<string, unknown>, param: string): { param: string; message: string } | null {
  if (typeof tool.server_label !== "string" || !/^[a-zA-Z][a-zA-Z0-9_-]{0,63}$/.test(tool.server_label))
    return { param: `${param}.server_label`, message: `Invalid '${param}.server_label': string does not match pattern.` };
  if (typeof tool.server_url !== "string" && typeof tool.connector_id !== "string")
    return { param: `${param}.server_url`, message: "Either 'server_url' or 'connector_id' must be provided for an MCP tool." };
  if (typeof tool.server_url === "string" && !URL.canParse(tool.server_url))
    return { param: `${param}.server_url`, message: `Invalid '${param}.server_url': not a URL.` };
  const approval = tool.require_approval;
  if (approval !== undefined && approval !== null && approval !== "always" && approval !== "never" && typeof approval !== "object")
    return {
      param: `${param}.require_approval`,
      message: `Invalid value: '${String(approval)}'. Supported values are: 'always' and 'never'.`,
    };
  return null;
}

const allowedNames = (tool: McpToolConfig) =>
  Array.isArray(tool.allowed_tools) ? tool.allowed_tools : (tool.allowed_tools?.tool_names ?? null);

/** Whether calling `name` needs an approval first (the API's default: it does). */
export function needsApproval(tool: McpToolConfig, name: string): boolean {
  const policy = tool.require_approval;
  if (policy === "never") return false;
  if (policy === "always" || policy === undefined || policy === null) return true;
  if (policy.never?.tool_names?.includes(name)) return false;
  return true;
}

let rpcId = 0;

async function rpc(tool: McpToolConfig, sessionId: string | null, method: string, params: unknown) {
  if (!tool.server_url) throw new Error("connectors are not available in this double");
  const id = ++rpcId;
  const response = await fetch(tool.server_url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
      ...(tool.headers ?? {}),
      ...(tool.authorization ? { authorization: `Bearer ${tool.authorization}` } : {}),
      ...(sessionId ? { "mcp-session-id": sessionId } : {}),
    },
    body: JSON.stringify({ jsonrpc: "2.0", id, method, params }),
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw Object.assign(new Error(`HTTP ${response.status}`), { httpStatus: response.status });
  const text = await response.text();
  const json = response.headers.get("content-type")?.includes("text/event-stream")
    ? text
        .split("\n")
        .filter((line) => line.startsWith("data:"))
        .map((line) => JSON.parse(line.slice(5)))
        .find((m) => m.id === id)
    : JSON.parse(text);
  if (json?.error) throw new Error(String(json.error.message ?? "MCP error"));
  return { result: json?.result, sessionId: response.headers.get("mcp-session-id") ?? sessionId };
}

async function open(tool: McpToolConfig) {
  const { sessionId } = await rpc(tool, null, "initialize", {
    protocolVersion: "2025-06-18",
    capabilities: {},
    clientInfo: { name: "fake-openai", version: "1.0.0" },
  });
  return sessionId;
}

/** tools/list, filtered by the tool's allowed_tools. */
export async function listMcpTools(tool: McpToolConfig): Promise<ListedTool[]> {
  const sessionId = await open(tool);
  const { result } = await rpc(tool, sessionId, "tools/list", {});
  const allowed = allowedNames(tool);
  return ((result?.tools ?? []) as Array<{ name: string; description?: string; inputSchema?: JsonSchema; annotations?: unknown }>)
    .filter((t) => !allowed || allowed.includes(t.name))
    .map((t) => ({
      name: t.name,
      description: t.description,
      input_schema: t.inputSchema ?? { type: "object" },
      annotations: (t.annotations as Record<string, unknown> | undefined) ?? null,
    }));
}

/** tools/call: the text of the result, or the error as the API reports it. */
export async function callMcpTool(
  tool: McpToolConfig,
  name: string,
  args: string,
): Promise<{ output: string; error: null } | { output: null; error: Record<string, unknown> }> {
  try {
    const sessionId = await open(tool);
    const { result } = await rpc(tool, sessionId, "tools/call", { name, arguments: JSON.parse(args || "{}") });
    const text = ((result?.content ?? []) as Array<{ type: string; text?: string }>)
      .filter((c) => c.type === "text")
      .map((c) => c.text)
      .join("\n");
    if (result?.isError) return { output: null, error: { type: "tool_execution_error", message: text || "The tool failed." } };
    return { output: text, error: null };
  } catch (error) {
    const status = (error as { httpStatus?: number }).httpStatus;
    return status
      ? { output: null, error: { type: "http_error", code: status, message: (error as Error).message } }
      : { output: null, error: { type: "protocol_error", code: -32000, message: (error as Error).message } };
  }
}

/** The listed MCP tool the user's words name ("lookup_customer" or "lookup customer"). */
export function pickMcpTool(text: string, listed: Map<string, ListedTool[]>): { server: string; tool: ListedTool } | undefined {
  const lower = text.toLowerCase();
  for (const [server, tools] of listed)
    for (const tool of tools) {
      const name = tool.name.toLowerCase();
      if (lower.includes(name) || lower.includes(name.replace(/_/g, " "))) return { server, tool };
    }
  return undefined;
}

/**
 * Arguments for an MCP tool from what the user said: an id-like word ("cus_4711") for a property
 * named like an id, the brain's plausible defaults for the rest.
 */
export function mcpArguments(schema: JsonSchema, text: string, defaults: Record<string, unknown>): Record<string, unknown> {
  const idWord = text.split(/\s+/).find((w) => /^[A-Za-z]*[_-]?\d[\w-]*$/.test(w) && /\d/.test(w));
  const out = { ...defaults };
  for (const name of schema.required ?? [])
    if (idWord && /id$/i.test(name) && typeOfProperty(schema, name) === "string") out[name] = idWord;
  return out;
}

const typeOfProperty = (schema: JsonSchema, name: string) => {
  const type = schema.properties?.[name]?.type;
  return Array.isArray(type) ? type.find((t) => t !== "null") : type;
};

import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

// A remote MCP server for tests (streamable HTTP, JSON answers): what OpenAI — here, its double —
// calls when a session has an `mcp` tool. It records every request, the Authorization included.

export const CUSTOMER = { id: "cus_4711", name: "Ada Lovelace", plan: "enterprise" };

const TOOLS = [
  {
    name: "lookup_customer",
    description: "Looks up a customer by id.",
    inputSchema: { type: "object", properties: { customerId: { type: "string" } }, required: ["customerId"] },
  },
  { name: "ping", description: "Answers pong.", inputSchema: { type: "object", properties: {} } },
];

export interface McpRequestRecord {
  method: string;
  authorization: string | null;
  params: unknown;
}

async function readJson(req: IncomingMessage): Promise<{ id?: number; method?: string; params?: unknown }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
}

function answer(method: string | undefined, params: unknown): unknown {
  switch (method) {
    case "initialize":
      return { protocolVersion: "2025-06-18", capabilities: { tools: {} }, serverInfo: { name: "test-crm", version: "1.0.0" } };
    case "tools/list":
      return { tools: TOOLS };
    case "tools/call": {
      const name = (params as { name?: string }).name;
      if (name === "lookup_customer") return { content: [{ type: "text", text: JSON.stringify(CUSTOMER) }] };
      if (name === "ping") return { content: [{ type: "text", text: "pong" }] };
      return { content: [{ type: "text", text: `Unknown tool ${name}` }], isError: true };
    }
    default:
      return {};
  }
}

export async function startMcpServer({ port = 0 }: { port?: number } = {}) {
  const requests: McpRequestRecord[] = [];
  const server = createServer(async (req, res) => {
    if (req.method !== "POST") {
      res.writeHead(405).end();
      return;
    }
    const body = await readJson(req);
    requests.push({ method: body.method ?? "", authorization: req.headers.authorization ?? null, params: body.params ?? null });
    if (body.id === undefined) {
      res.writeHead(202).end();
      return;
    }
    res.writeHead(200, { "content-type": "application/json", "mcp-session-id": "mcp-session-1" });
    res.end(JSON.stringify({ jsonrpc: "2.0", id: body.id, result: answer(body.method, body.params) }));
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`;
  return {
    url,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

import { z } from "zod";
import type { TOKEN_SCOPES } from "@/db/enums";
import { VOICES } from "@/lib/realtime/choices";

// The MCP server's request body and its tools' input schemas. Plain (no server-only) so that
// e2e/fuzz.spec.ts can generate input from them. The tools' inputs are plain strings and numbers
// (what a JSON schema says to a model); each tool then checks them with the same zod schema as
// the REST route it mirrors, so both answer bad input with the same sentences.

const jsonRpcMessage = z.looseObject({
  jsonrpc: z.literal("2.0", { error: 'An MCP message is JSON-RPC 2.0: {"jsonrpc": "2.0", …}.' }),
});

/** A JSON-RPC message or a batch of them; the transport checks the rest. */
export const mcpBody = z.union([jsonRpcMessage, z.array(jsonRpcMessage).min(1).max(50)], {
  error: 'An MCP request body is a JSON-RPC 2.0 message (or a list of them): {"jsonrpc": "2.0", "method": …}.',
});

const callId = z.string().max(100).describe("The call's id, e.g. rtc_… (from list_calls or the incoming-call webhook).");
const day = (what: string) => z.string().max(10).describe(`${what}, YYYY-MM-DD (UTC).`);

export const MCP_TOOL_INPUTS = {
  create_client_secret: z.object({
    voice: z.enum(VOICES).optional().describe("A voice the workspace's assistant policy allows; the policy's default when left out."),
  }),
  list_calls: z.object({
    status: z.enum(["live", "ended"]).optional().describe("live: calls still open; ended: the rest. Both when left out."),
    member: z.string().max(100).optional().describe("A member's user id (admins only; members see their own calls)."),
    from: z.string().max(40).optional().describe("Calls started at or after this date (YYYY-MM-DD) or ISO date-time."),
    to: z.string().max(40).optional().describe("Calls started before the end of this date, or before this ISO date-time."),
    limit: z.number().int().min(1).max(200).optional().describe("Calls per page (default 20)."),
    cursor: z.string().max(300).optional().describe("nextCursor from the previous page."),
  }),
  accept_call: z.object({ callId }),
  reject_call: z.object({
    callId,
    statusCode: z
      .number()
      .int()
      .min(400)
      .max(699)
      .optional()
      .describe("SIP status the caller hears; the workspace's reject status by default."),
  }),
  refer_call: z.object({
    callId,
    target: z
      .string()
      .max(200)
      .optional()
      .describe("Where to transfer: +E.164 number, tel: or sip: URI; the workspace's transfer target by default."),
  }),
  hangup_call: z.object({ callId }),
  list_models: z.object({
    refresh: z.boolean().optional().describe("Skip the one-minute cache and ask OpenAI again."),
  }),
  get_usage: z.object({
    start: day("First day"),
    end: day("Last day, inclusive"),
    groupBy: z.enum(["model", "project", "apiKey", "user"]).optional().describe("How to split the figures (default model)."),
    bucket: z.enum(["1d", "1h"]).optional().describe("Per day (default) or per hour (ranges of 7 days at most)."),
  }),
  get_costs: z.object({ start: day("First day"), end: day("Last day, inclusive") }),
  get_proxy_health: z.object({
    window: z.enum(["1h", "24h", "7d"]).optional().describe("How far back to look (default 1h)."),
  }),
};

export type McpToolName = keyof typeof MCP_TOOL_INPUTS;
export const MCP_TOOL_NAMES = Object.keys(MCP_TOOL_INPUTS) as McpToolName[];
export type McpScope = (typeof TOKEN_SCOPES)[number];

import "server-only";
import type { z } from "zod";
import type { Role, TokenScope } from "@/db/schema";
import { budgetExceeded, findReachedBudget } from "@/lib/budgets/exceeded";
import { ledgered } from "@/lib/budgets/ledgered";
import { listCalls } from "@/lib/calls/list";
import { callsQuerySchema } from "@/lib/calls/schemas";
import { AppError, badRequest } from "@/lib/errors";
import { opsMetrics } from "@/lib/metrics/report";
import { hangUp } from "@/lib/realtime/calls";
import { reapSoon } from "@/lib/realtime/reaper";
import { mintClientSecret } from "@/lib/realtime/token";
import { memberSpend } from "@/lib/spend/ledger";
import { PRICES_AS_OF } from "@/lib/spend/prices";
import { acceptPhoneCall, listPhoneCalls, rejectPhoneCall, transferPhoneCall } from "@/lib/telephony/calls";
import { callParams } from "@/lib/telephony/schemas";
import { getTelephonySettings } from "@/lib/telephony/settings";
import { workspaceModels, workspaceUsage } from "@/lib/usage/proxy";
import { usageQuerySchema } from "@/lib/usage/query";
import { membersQuery } from "@/lib/usage/schemas";
import { hasRole } from "@/lib/workspaces/roles";
import type { MCP_TOOL_INPUTS, McpToolName } from "./schemas";

/** Who calls a tool: the token's member in the token's workspace, and what the token may do. */
export interface McpCaller {
  workspaceId: string;
  workspaceName: string;
  userId: string;
  role: Role;
  tokenId: string;
  scopes: readonly TokenScope[];
}

interface ToolSpec<N extends McpToolName> {
  title: string;
  description: string;
  /** The token needs one of these scopes (besides `mcp`) for this tool. */
  scopes: readonly TokenScope[];
  /** The least role the token's member must hold; member by default. */
  role?: Role;
  annotations: { readOnlyHint: boolean; destructiveHint?: boolean; idempotentHint?: boolean };
  run: (caller: McpCaller, input: z.infer<(typeof MCP_TOOL_INPUTS)[N]>) => Promise<unknown>;
}

/** Parses with the REST route's own schema, so the tool refuses bad input in the same words. */
function parsed<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw badRequest(`${issue?.path.length ? `${issue.path.join(".")}: ` : ""}${issue?.message ?? "invalid input"}`);
}

const who = (caller: McpCaller, route: string) => ({
  workspaceId: caller.workspaceId,
  userId: caller.userId,
  apiTokenId: caller.tokenId,
  route,
});
const callIdOf = (callId: string) => parsed(callParams, { callId }).callId;

/** The tools that spend, as their REST routes do: refused once the workspace's or the member's monthly budget is reached. */
async function refuseOverBudget(caller: McpCaller) {
  const at = new Date();
  const reached = await findReachedBudget({ workspaceId: caller.workspaceId, userId: caller.userId, at });
  if (reached) throw budgetExceeded({ reached, at });
}

const usageOf = (caller: McpCaller, query: z.infer<typeof usageQuerySchema>) =>
  ledgered(who(caller, "mcp_usage"), () =>
    workspaceUsage({ workspaceId: caller.workspaceId, userId: caller.userId, role: caller.role, query }),
  );

/** OpenAI's own cost figures, when the workspace has an Admin key; our ledger stands on its own without them. */
async function openaiCosts(caller: McpCaller, range: { start: string; end: string }) {
  try {
    const report = await usageOf(caller, parsed(usageQuerySchema, { ...range, groupBy: "model", bucket: "1d" }));
    return {
      totalUsd: report.totals.costUsd,
      projectIds: report.projectIds,
      byDay: report.series.filter((p) => p.costUsd).map((p) => ({ date: p.date, model: p.model, costUsd: p.costUsd })),
    };
  } catch (error) {
    if (error instanceof AppError && error.status < 500) return { unavailable: error.message };
    throw error;
  }
}

const TOOLS: { [N in McpToolName]: ToolSpec<N> } = {
  create_client_secret: {
    title: "Create a Realtime client secret",
    description:
      "Mints an ephemeral OpenAI client secret (ek_…) for a Realtime WebRTC or WebSocket session, governed by the workspace's assistant policy (model, instructions, tools, expiry). Needs the workspace to allow client secrets.",
    scopes: ["realtime:mint"],
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false },
    run: async (caller, input) => {
      await refuseOverBudget(caller);
      return ledgered(
        who(caller, "mcp_client_secret"),
        () => mintClientSecret({ workspaceId: caller.workspaceId, userId: caller.userId, choice: input }),
        (minted) => ({ model: minted.model }),
      );
    },
  },
  list_calls: {
    title: "List voice calls",
    description:
      "The workspace's voice calls from the browser, newest first, a page at a time (who, when, how long, tokens, estimated cost; admins see every member's, members their own), and for admins the 50 latest phone calls (masked numbers) in phoneCalls.",
    scopes: ["calls:manage"],
    annotations: { readOnlyHint: true },
    run: async (caller, input) => {
      reapSoon();
      const { format: _format, ...filters } = parsed(callsQuerySchema, input);
      const viewer = { userId: caller.userId, role: caller.role };
      const browser = await listCalls({ workspaceId: caller.workspaceId, viewer, filters });
      if (!hasRole(caller.role, "admin")) return { workspaceId: caller.workspaceId, ...browser };
      const live = filters.status === undefined ? undefined : filters.status === "live";
      const { calls: phone } = await listPhoneCalls(caller.workspaceId);
      return { workspaceId: caller.workspaceId, ...browser, phoneCalls: phone.filter((c) => live === undefined || c.live === live) };
    },
  },
  accept_call: {
    title: "Accept a phone call",
    description: "Accepts a ringing SIP call: the workspace's assistant answers it under its policy and budget. Admins only.",
    scopes: ["calls:manage"],
    role: "admin",
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false },
    run: (caller, input) => acceptPhoneCall({ workspaceId: caller.workspaceId, callId: callIdOf(input.callId) }),
  },
  reject_call: {
    title: "Reject a phone call",
    description: "Turns a ringing SIP call away with a SIP status (the workspace's reject status by default). Admins only.",
    scopes: ["calls:manage"],
    role: "admin",
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true },
    run: async (caller, input) =>
      rejectPhoneCall({
        workspaceId: caller.workspaceId,
        callId: callIdOf(input.callId),
        statusCode: input.statusCode ?? (await getTelephonySettings(caller.workspaceId)).rejectStatus,
      }),
  },
  refer_call: {
    title: "Transfer a phone call",
    description: "Transfers a live phone call (SIP REFER) to a number or SIP URI, or to the workspace's transfer target. Admins only.",
    scopes: ["calls:manage"],
    role: "admin",
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false },
    run: async (caller, input) =>
      transferPhoneCall({
        workspaceId: caller.workspaceId,
        callId: callIdOf(input.callId),
        target: input.target,
        defaultTarget: (await getTelephonySettings(caller.workspaceId)).referTarget,
      }),
  },
  hangup_call: {
    title: "Hang up a call",
    description: "Ends a live voice call: your own, or (admins) any of the workspace's. A call already over is left as it is.",
    scopes: ["calls:manage"],
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true },
    run: (caller, input) =>
      hangUp({
        callId: callIdOf(input.callId),
        userId: caller.userId,
        access: { workspaceId: caller.workspaceId, workspaceName: caller.workspaceName, role: caller.role },
      }),
  },
  list_models: {
    title: "List OpenAI models",
    description: "The OpenAI models the workspace's key can use (cached for a minute).",
    scopes: ["chat", "realtime:mint"],
    annotations: { readOnlyHint: true },
    run: async (caller, input) => {
      await refuseOverBudget(caller);
      return ledgered(who(caller, "mcp_models"), () =>
        workspaceModels({ workspaceId: caller.workspaceId, userId: caller.userId, refresh: input.refresh ?? false }),
      );
    },
  },
  get_usage: {
    title: "OpenAI usage",
    description:
      "Tokens, requests and cost from OpenAI's usage API between two dates, per day or hour, split by model, project, API key or user. Members see the OpenAI projects mapped to the workspace.",
    scopes: ["usage:read"],
    annotations: { readOnlyHint: true },
    run: (caller, input) => usageOf(caller, parsed(usageQuerySchema, input)),
  },
  get_costs: {
    title: "Costs",
    description:
      "What the workspace spent between two dates: our own ledger's estimate per member (voice calls and proxied requests; admins see everyone, members themselves) and OpenAI's billed costs per day and model when an Admin key is set.",
    scopes: ["usage:read"],
    annotations: { readOnlyHint: true },
    run: async (caller, input) => {
      const range = parsed(membersQuery, input);
      const everyone = hasRole(caller.role, "admin");
      const [members, openai] = await Promise.all([
        memberSpend({ workspaceId: caller.workspaceId, ...range, ...(everyone ? {} : { userId: caller.userId }) }),
        openaiCosts(caller, range),
      ]);
      const ledgerMicros = members.reduce((sum, m) => sum + m.costMicros, 0);
      return {
        workspaceId: caller.workspaceId,
        ...range,
        scope: everyone ? "workspace" : "self",
        ledger: { estimatedUsd: ledgerMicros / 1_000_000, pricesAsOf: PRICES_AS_OF, members },
        openai,
      };
    },
  },
  get_proxy_health: {
    title: "Proxy health",
    description: "Requests, 429 and 5xx rates and p50/p95 latency of the dashboard's routes over a window, with the alerts that fired.",
    scopes: ["usage:read"],
    annotations: { readOnlyHint: true },
    run: (caller, input) => opsMetrics({ workspaceId: caller.workspaceId, window: input.window ?? "1h" }),
  },
};

export const mcpTools = TOOLS;

/** Why the caller may not use the tool (a sentence for the tool's error), or null when they may. */
export function refusal(caller: McpCaller, name: McpToolName): string | null {
  const tool = TOOLS[name];
  if (!tool.scopes.some((s) => caller.scopes.includes(s)))
    return `This API token lacks the scope ${tool.scopes.join(" or ")}, which ${name} needs. Create a token with it in Settings → Tokens.`;
  if (tool.role && !hasRole(caller.role, tool.role))
    return `${name} needs the ${tool.role} role in "${caller.workspaceName}"; the token's member is ${caller.role}.`;
  return null;
}

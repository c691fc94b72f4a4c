import "server-only";
import type { Role } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { healthToolView } from "@/lib/metrics/health-tool-view";
import { opsMetrics } from "@/lib/metrics/report";
import type { ToolName } from "@/lib/realtime/tool-specs";
import { workspaceModels, workspaceUsage } from "@/lib/usage/proxy";
import { costsView } from "@/lib/usage/costs-view";
import { usageQuerySchema } from "@/lib/usage/query";
import { usageToolView } from "@/lib/usage/usage-tool-view";

// The assistant's tools run on the server (a phone call's sideband, the Chat page): the same lib
// functions the Voice page's tools reach through the API. A member's chat runs them with that
// member's key and view; a phone call (nobody signed in) with the workspace's key and a member's
// view. Failures go back to the model as short JSON, like the browser's.

export interface ToolCaller {
  workspaceId: string;
  /** Null: no member (a phone call): the workspace's key only. */
  userId: string | null;
  role: Role;
}

const MAX_OUTPUT_CHARS = 6_000;

const toolError = (error: string, extra: Record<string, unknown> = {}) => JSON.stringify({ error, ...extra });

const RUNNERS: Record<ToolName, (caller: ToolCaller, args: Record<string, unknown>) => Promise<unknown>> = {
  list_openai_models: (caller) => workspaceModels({ workspaceId: caller.workspaceId, userId: caller.userId, refresh: false }),
  get_openai_usage: async (caller, args) => usageToolView(await usage(caller, args)),
  get_openai_costs: async (caller, args) => costsView(await usage(caller, args)),
  get_proxy_health: async (caller) => healthToolView(await opsMetrics({ workspaceId: caller.workspaceId, window: "1h" })),
};

function usage(caller: ToolCaller, args: Record<string, unknown>) {
  const query = usageQuerySchema.safeParse({ start: args.startDate, end: args.endDate });
  if (!query.success) throw new AppError("bad_request", "startDate and endDate must be YYYY-MM-DD, in order, at most 90 days apart.");
  return workspaceUsage({ workspaceId: caller.workspaceId, userId: caller.userId, role: caller.role, query: query.data });
}

/** Runs one of the enabled tools and returns its output as the model reads it (JSON, capped). */
export async function runAssistantTool({
  caller,
  enabled,
  name,
  args,
}: {
  caller: ToolCaller;
  enabled: readonly string[];
  name: string;
  args: Record<string, unknown>;
}): Promise<string> {
  if (!enabled.includes(name) || !Object.hasOwn(RUNNERS, name)) return toolError(`The tool ${name} is not enabled for this assistant.`);
  try {
    const text = JSON.stringify(await RUNNERS[name as ToolName](caller, args));
    return text.length > MAX_OUTPUT_CHARS ? `${text.slice(0, MAX_OUTPUT_CHARS)}…(truncated)` : text;
  } catch (error) {
    if (error instanceof AppError) return toolError(error.message, { status: error.status, code: error.code });
    log("warn", "assistant_tool_failed", { workspaceId: caller.workspaceId, tool: name, cause: String(error) });
    return toolError("The tool failed on the server.");
  }
}

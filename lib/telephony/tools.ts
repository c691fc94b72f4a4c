import "server-only";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { opsMetrics } from "@/lib/metrics/report";
import type { ToolName } from "@/lib/realtime/tool-specs";
import { costsView } from "@/lib/usage/costs-view";
import { workspaceModels, workspaceUsage } from "@/lib/usage/proxy";
import { usageQuerySchema } from "@/lib/usage/query";

// The assistant's tools on a phone call, where no browser runs them: the same lib functions the
// Voice page's tools reach through the API, with the workspace's key and a member's view (a
// caller is not signed in, so they never see more than any member would). Failures go back to
// the model as short JSON, like the browser's.

const MAX_OUTPUT_CHARS = 6_000;

const toolError = (error: string, extra: Record<string, unknown> = {}) => JSON.stringify({ error, ...extra });

const RUNNERS: Record<ToolName, (workspaceId: string, args: Record<string, unknown>) => Promise<unknown>> = {
  list_openai_models: (workspaceId) => workspaceModels({ workspaceId, userId: null, refresh: false }),
  get_openai_usage: (workspaceId, args) => usage(workspaceId, args),
  get_openai_costs: async (workspaceId, args) => costsView(await usage(workspaceId, args)),
  get_proxy_health: (workspaceId) => opsMetrics({ workspaceId, window: "1h" }),
};

function usage(workspaceId: string, args: Record<string, unknown>) {
  const query = usageQuerySchema.safeParse({ start: args.startDate, end: args.endDate });
  if (!query.success) throw new AppError("bad_request", "startDate and endDate must be YYYY-MM-DD, in order, at most 90 days apart.");
  return workspaceUsage({ workspaceId, userId: null, role: "member", query: query.data });
}

export async function runPhoneTool({
  workspaceId,
  enabled,
  name,
  args,
}: {
  workspaceId: string;
  enabled: readonly string[];
  name: string;
  args: Record<string, unknown>;
}): Promise<string> {
  if (!enabled.includes(name) || !Object.hasOwn(RUNNERS, name)) return toolError(`The tool ${name} is not enabled for this assistant.`);
  try {
    const text = JSON.stringify(await RUNNERS[name as ToolName](workspaceId, args));
    return text.length > MAX_OUTPUT_CHARS ? `${text.slice(0, MAX_OUTPUT_CHARS)}…(truncated)` : text;
  } catch (error) {
    if (error instanceof AppError) return toolError(error.message, { status: error.status, code: error.code });
    log("warn", "telephony_tool_failed", { workspaceId, tool: name, cause: String(error) });
    return toolError("The tool failed on the server.");
  }
}

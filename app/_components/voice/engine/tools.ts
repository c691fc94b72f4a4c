import { tool } from "@openai/agents/realtime";
import { TOOL_SPECS, type ToolName } from "@/lib/realtime/tool-specs";
import { costsView } from "@/lib/usage/costs-view";
import type { UsageReport } from "@/lib/usage/report";
import { apiFetch } from "../../api/client";
import { ApiError } from "../../api/errors";
import { apiPaths } from "../../api/routes";

// Browser side of the assistant's tools: each calls our own API with the user's session, so
// the usual auth, rate limits and metrics apply. Failures go back to the model as short JSON.

const MAX_OUTPUT_CHARS = 6_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const toolError = (error: string, extra: Record<string, unknown> = {}) => JSON.stringify({ error, ...extra });

async function callApi(path: string, pick?: (body: Record<string, unknown>) => unknown): Promise<string> {
  let body: Record<string, unknown> | null;
  try {
    body = await apiFetch<Record<string, unknown> | null>(path);
  } catch (error) {
    if (!(error instanceof ApiError) || error.code === "network_error") return toolError("The dashboard API could not be reached.");
    return toolError(error.message, { status: error.status, code: error.code });
  }
  if (!body) return toolError("The dashboard API answered without a body.");
  const text = JSON.stringify(pick?.(body) ?? body);
  return text.length > MAX_OUTPUT_CHARS ? `${text.slice(0, MAX_OUTPUT_CHARS)}…(truncated)` : text;
}

function usagePath(args: { startDate?: unknown; endDate?: unknown }): string | null {
  const { startDate, endDate } = args;
  if (typeof startDate !== "string" || typeof endDate !== "string" || !DATE.test(startDate) || !DATE.test(endDate)) return null;
  // Daily and by model: the costs API's line items name the model, and it reports per day only.
  return apiPaths.ctoUsage({ start: startDate, end: endDate, groupBy: "model", bucket: "1d" });
}

const RUNNERS: Record<ToolName, (args: Record<string, unknown>) => Promise<string>> = {
  list_openai_models: () => callApi(apiPaths.ctoModels),
  get_openai_usage: async (args) => {
    const path = usagePath(args);
    return path ? callApi(path) : toolError("startDate and endDate must be YYYY-MM-DD.");
  },
  get_openai_costs: async (args) => {
    const path = usagePath(args);
    return path
      ? callApi(path, (body) => costsView(body as unknown as UsageReport))
      : toolError("startDate and endDate must be YYYY-MM-DD.");
  },
  get_proxy_health: () => callApi(apiPaths.opsMetrics("1h")),
};

/** The agent's tools: exactly the ones the workspace policy enables, with the shared specs. */
export function assistantTools(enabled: readonly ToolName[]) {
  return enabled.map((name) =>
    tool({
      name,
      description: TOOL_SPECS[name].description,
      parameters: JSON.parse(JSON.stringify(TOOL_SPECS[name].parameters)),
      strict: true,
      execute: (args) => RUNNERS[name]((args ?? {}) as Record<string, unknown>),
    }),
  );
}

import { tool } from "@openai/agents/realtime";
import { TOOL_SPECS, type ToolName } from "../tool-specs";

// Browser side of the assistant's tools: each calls our own API with the user's session, so
// the usual auth, rate limits and metrics apply. Failures go back to the model as short JSON.

const MAX_OUTPUT_CHARS = 6_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const toolError = (error: string, extra: Record<string, unknown> = {}) => JSON.stringify({ error, ...extra });

async function callApi(path: string, pick?: (body: Record<string, unknown>) => unknown): Promise<string> {
  let res: Response;
  try {
    res = await fetch(path, { credentials: "same-origin", headers: { accept: "application/json" } });
  } catch {
    return toolError("The dashboard API could not be reached.");
  }
  const body = (await res.json().catch(() => null)) as Record<string, unknown> | null;
  if (!res.ok || !body)
    return toolError(typeof body?.error === "string" ? body.error : `The dashboard API answered ${res.status}.`, {
      status: res.status,
      ...(typeof body?.code === "string" ? { code: body.code } : {}),
    });
  const text = JSON.stringify(pick?.(body) ?? body);
  return text.length > MAX_OUTPUT_CHARS ? `${text.slice(0, MAX_OUTPUT_CHARS)}…(truncated)` : text;
}

function dateRangePath(path: string, args: { startDate?: unknown; endDate?: unknown }): string | null {
  const { startDate, endDate } = args;
  if (typeof startDate !== "string" || typeof endDate !== "string" || !DATE.test(startDate) || !DATE.test(endDate)) return null;
  return `${path}?start=${encodeURIComponent(startDate)}&end=${encodeURIComponent(endDate)}`;
}

const RUNNERS: Record<ToolName, (args: Record<string, unknown>) => Promise<string>> = {
  list_openai_models: () => callApi("/api/v1/cto/openai/models"),
  get_openai_usage: async (args) => {
    const path = dateRangePath("/api/v1/cto/openai/usage", args);
    return path ? callApi(path) : toolError("startDate and endDate must be YYYY-MM-DD.");
  },
  get_openai_costs: async (args) => {
    const path = dateRangePath("/api/v1/cto/openai/usage", args);
    return path ? callApi(path, (body) => body.costs ?? body) : toolError("startDate and endDate must be YYYY-MM-DD.");
  },
  get_proxy_health: () => callApi("/api/v1/ops/metrics?window=1h"),
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

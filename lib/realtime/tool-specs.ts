// The assistant's tools as the model sees them. Shared by the server (session policy sent
// upstream) and the browser agent (which runs them), so both always declare the same tools.

const dateRange = {
  type: "object",
  properties: {
    startDate: { type: "string", description: "First day, YYYY-MM-DD (UTC)." },
    endDate: { type: "string", description: "Last day, YYYY-MM-DD (UTC), inclusive." },
  },
  required: ["startDate", "endDate"],
  additionalProperties: false,
} as const;

// Every tool answers JSON; the model is asked to say what it means, not to read it out.
const ANSWER_HINT = " Answer with the figures that matter in a sentence or two; never read the JSON aloud.";

const noArguments = { type: "object", properties: {}, required: [], additionalProperties: false } as const;

export const TOOL_SPECS = {
  list_openai_models: {
    description: `Lists the OpenAI models this workspace's key can use.${ANSWER_HINT}`,
    parameters: noArguments,
  },
  get_openai_usage: {
    description: `Token and request usage of the OpenAI organisation between two dates, by day and model.${ANSWER_HINT}`,
    parameters: dateRange,
  },
  get_openai_costs: {
    description: `OpenAI spend in USD between two dates, by day and line item.${ANSWER_HINT}`,
    parameters: dateRange,
  },
  get_proxy_health: {
    description: `Health of our OpenAI proxy routes over the last hour: request counts, 429 and 5xx rates, latency.${ANSWER_HINT}`,
    parameters: noArguments,
  },
} as const;

export type ToolName = keyof typeof TOOL_SPECS;
export const TOOL_NAMES = Object.keys(TOOL_SPECS) as [ToolName, ...ToolName[]];

export const TOOL_LABELS: Record<ToolName, string> = {
  list_openai_models: "List OpenAI models",
  get_openai_usage: "OpenAI usage",
  get_openai_costs: "OpenAI costs",
  get_proxy_health: "Proxy health",
};

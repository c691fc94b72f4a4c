import type { JsonSchema, RealtimeTool } from "./session-config";
import { summariseToolOutput } from "./summary";

/** The scripted "model": picks a tool call or a sentence from the conversation so far. */
export type BrainDecision = { kind: "tool"; name: string; arguments: string } | { kind: "speak"; text: string };

export interface ConversationTurn {
  kind: "user" | "tool_output";
  text: string;
  /** For a tool output: the function it answers, when known. */
  toolName?: string;
}

// Natural phrasings of the assistant's four tools ("how much did we spend this week?", "any 429s?").
const KEYWORD_TOOLS: Array<[RegExp, string]> = [
  [/\bmodels?\b/i, "list_openai_models"],
  [/\b(costs?|spen[dt]|spending|bill(ed)?|dollars?|money)\b/i, "get_openai_costs"],
  [/\b(usage|tokens?|how many requests)\b/i, "get_openai_usage"],
  [/\b(health|429s?|5xx|5\d\ds?|errors?|latency|rate[- ]limit(ed|s)?|failing|slow)\b/i, "get_proxy_health"],
];

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

function typeOf(schema: JsonSchema): string | undefined {
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  const anyOf = (schema.anyOf ?? []).map((s) => (typeof s.type === "string" ? s.type : undefined));
  return [...types, ...anyOf].find((t) => t && t !== "null");
}

function isNullable(schema: JsonSchema): boolean {
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  return types.includes("null") || (schema.anyOf ?? []).some((s) => s.type === "null");
}

/** A plausible value: last-7-days dates for date-like names, the first enum or default otherwise. */
function valueFor(name: string, schema: JsonSchema, now: Date): unknown {
  const type = typeOf(schema);
  const dateLike = schema.format === "date" || /date|day|start|end|from|to|since|until/i.test(name);
  if (type === "string" && dateLike) {
    const weekAgo = new Date(now.getTime() - 7 * 86400_000);
    return /end|to|until/i.test(name) ? isoDay(now) : isoDay(weekAgo);
  }
  if (schema.enum?.length) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  if (isNullable(schema)) return null;
  switch (type) {
    case "number":
    case "integer":
      return schema.minimum ?? 1;
    case "boolean":
      return false;
    case "array":
      return [];
    case "object":
      return argumentsFor(schema, now);
    default:
      return "";
  }
}

export function argumentsFor(schema: JsonSchema | undefined, now = new Date()): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of schema?.required ?? []) {
    out[name] = valueFor(name, schema?.properties?.[name] ?? {}, now);
  }
  return out;
}

export function pickTool(text: string, tools: RealtimeTool[]): RealtimeTool | undefined {
  const functions = tools.filter((t) => t.type === "function" && t.name);
  const lower = text.toLowerCase();
  const direct = functions.find((t) => {
    const name = (t.name as string).toLowerCase();
    return lower.includes(name) || lower.includes(name.replace(/_/g, " "));
  });
  if (direct) return direct;
  for (const [pattern, name] of KEYWORD_TOOLS) {
    const tool = functions.find((t) => t.name === name);
    if (tool && pattern.test(text)) return tool;
  }
  return undefined;
}

export function decide(last: ConversationTurn | undefined, tools: RealtimeTool[], toolChoice: unknown): BrainDecision {
  if (!last) return { kind: "speak", text: "Hello! How can I help you today?" };
  if (last.kind === "tool_output") return { kind: "speak", text: summariseToolOutput(last.text, last.toolName) };
  const tool = toolChoice === "none" ? undefined : pickTool(last.text, tools);
  if (tool?.name) {
    return { kind: "tool", name: tool.name, arguments: JSON.stringify(argumentsFor(tool.parameters)) };
  }
  return { kind: "speak", text: last.text ? `You said: ${last.text}` : "Sorry, I did not catch that." };
}

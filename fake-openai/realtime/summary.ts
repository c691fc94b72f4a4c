// How the double's scripted "model" answers after a tool ran: one or two plain sentences built
// from the tool's output, the way a real model would summarise it, never the raw JSON read aloud.
// Shared by the Realtime brain and POST /v1/responses.

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
const count = (n: number) => Math.round(n).toLocaleString("en-US");
const usd = (n: number) => `$${n.toFixed(2)}`;
const percent = (rate: number) => `${(rate * 100).toFixed(rate > 0 && rate < 0.01 ? 2 : 1)}%`;

const period = (o: Json) => (typeof o.start === "string" && typeof o.end === "string" ? ` between ${o.start} and ${o.end}` : "");

function models(o: Json): string | undefined {
  if (!Array.isArray(o.models)) return undefined;
  const ids = o.models.map((m) => (isObject(m) && typeof m.id === "string" ? m.id : "")).filter(Boolean);
  if (ids.length === 0) return "This key cannot use any model.";
  return `Here is what I found: ${ids[0]}. That is one of ${ids.length} models this key can use.`;
}

/** The first dollar figure in the output, shallowest first: `totalUsd`, `totals.costUsd`, `amount.value`… */
function dollars(value: unknown, depth = 0): number | undefined {
  if (!isObject(value) || depth > 3) return undefined;
  for (const [key, v] of Object.entries(value)) if (/usd|cost|amount|value/i.test(key) && num(v) !== undefined) return num(v);
  for (const key of ["totals", "total", "costs", "amount"]) {
    const found = dollars(value[key], depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

function usage(o: Json): string | undefined {
  const totals = isObject(o.totals) ? o.totals : undefined;
  if (!totals || num(totals.inputTokens) === undefined) return undefined;
  const tokens = (num(totals.inputTokens) ?? 0) + (num(totals.outputTokens) ?? 0);
  const cost = num(totals.costUsd);
  return `You used ${count(tokens)} tokens in ${count(num(totals.requests) ?? 0)} requests${period(o)}${
    cost === undefined ? "" : `, about ${usd(cost)}`
  }.`;
}

function costs(o: Json, toolName?: string): string | undefined {
  const looksLikeCosts = toolName === "get_openai_costs" || "totalUsd" in o || "lines" in o || "byDay" in o;
  if (!looksLikeCosts) return undefined;
  const total = dollars(o);
  return total === undefined ? undefined : `You spent ${usd(total)}${period(o)}.`;
}

function health(o: Json): string | undefined {
  if (!Array.isArray(o.routes) || typeof o.window !== "string") return undefined;
  const routes = o.routes.filter(isObject);
  const requests = routes.reduce((n, r) => n + (num(r.requests) ?? 0), 0);
  const when = o.window === "1h" ? "in the last hour" : `in the last ${o.window}`;
  if (requests === 0) return `No requests reached the proxy routes ${when}.`;
  const label = (r: Json) => String(r.label ?? r.route);
  const with429 = routes.filter((r) => (num(r.rate429) ?? 0) > 0);
  const with5xx = routes.filter((r) => (num(r.rate5xx) ?? 0) > 0);
  const parts = [
    with429.length === 0 ? "no 429s" : `429s on ${with429.map((r) => `${label(r)} (${percent(num(r.rate429) ?? 0)})`).join(", ")}`,
    with5xx.length === 0
      ? "no 5xx errors"
      : `5xx errors on ${with5xx.map((r) => `${label(r)} (${percent(num(r.rate5xx) ?? 0)})`).join(", ")}`,
  ];
  return `${count(requests)} requests ${when}: ${parts.join(" and ")}.`;
}

function firstId(value: unknown): string | undefined {
  if (Array.isArray(value)) return value.map(firstId).find(Boolean);
  if (!isObject(value)) return undefined;
  if (typeof value.id === "string") return value.id;
  return Object.values(value).map(firstId).find(Boolean);
}

/** A short sentence answering from a tool's output (JSON or text); `toolName` when the caller knows it. */
export function summariseToolOutput(output: string, toolName?: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(output);
  } catch {
    return `Here is what I found: ${output.length > 120 ? `${output.slice(0, 117)}...` : output}.`;
  }
  if (isObject(parsed)) {
    if (typeof parsed.error === "string") return `The tool did not answer: ${parsed.error}`;
    const sentence = models(parsed) ?? costs(parsed, toolName) ?? usage(parsed) ?? health(parsed);
    if (sentence) return sentence;
  }
  const id = firstId(parsed);
  return id ? `Here is what I found: ${id}.` : "The tool answered, but there was nothing to report.";
}

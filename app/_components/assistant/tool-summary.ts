import { formatPercent, formatUsd, formatWhole } from "../ui/format";

// What a tool card shows of a tool's output: a table for usage, costs and proxy health, the list
// of models, the error; anything else only as JSON on demand. Plain functions (tested apart).

export type ToolSummary =
  | { kind: "error"; message: string }
  | { kind: "list"; caption: string; items: string[] }
  | { kind: "table"; caption: string; columns: string[]; rightFrom: number; rows: string[][]; more: number; idFirst: boolean }
  | { kind: "none" };

type Json = Record<string, unknown>;
const MAX_ROWS = 8;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : 0);
const objects = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isObject) : []);
const range = (o: Json) => (typeof o.start === "string" && typeof o.end === "string" ? `${o.start} – ${o.end}` : "");
/** `idFirst`: the first column holds ids or dates (monospace), not names. */
const table = (caption: string, columns: string[], rows: string[][], idFirst = true): ToolSummary => ({
  kind: "table",
  caption,
  columns,
  rightFrom: 1,
  rows: rows.slice(0, MAX_ROWS),
  more: Math.max(0, rows.length - MAX_ROWS),
  idFirst,
});

function usage(o: Json): ToolSummary | null {
  if (!isObject(o.totals) || !Array.isArray(o.byModel)) return null;
  const t = o.totals;
  const caption = [
    `${formatWhole(num(t.inputTokens) + num(t.outputTokens))} tokens`,
    `${formatWhole(num(t.requests))} requests`,
    formatUsd(num(t.costUsd)),
    range(o),
  ]
    .filter(Boolean)
    .join(" · ");
  return table(
    caption,
    ["Model", "Tokens in", "Tokens out", "Requests", "Cost"],
    objects(o.byModel).map((m) => [
      String(m.model),
      formatWhole(num(m.inputTokens)),
      formatWhole(num(m.outputTokens)),
      formatWhole(num(m.requests)),
      formatUsd(num(m.costUsd)),
    ]),
  );
}

function costs(o: Json): ToolSummary | null {
  if (typeof o.totalUsd !== "number" || !Array.isArray(o.days)) return null;
  const top = (day: Json) => {
    const models = objects(day.byModel).sort((a, b) => num(b.usd) - num(a.usd));
    return models[0] ? `${String(models[0].model)} (${formatUsd(num(models[0].usd))})` : "";
  };
  return table(
    [`${formatUsd(o.totalUsd)} in total`, range(o)].filter(Boolean).join(" · "),
    ["Day", "Cost", "Largest"],
    objects(o.days).map((d) => [String(d.date), formatUsd(num(d.usd)), top(d)]),
  );
}

// Narrow enough for a phone: "0%" rather than "0.0%", seconds from one second on.
const rate = (r: number) => (r === 0 ? "0%" : formatPercent(r));
const latency = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${formatWhole(ms)} ms`);

function health(o: Json): ToolSummary | null {
  if (!Array.isArray(o.routes) || typeof o.window !== "string") return null;
  const routes = objects(o.routes);
  const requests = routes.reduce((n, r) => n + num(r.requests), 0);
  return table(
    `Last ${o.window === "1h" ? "hour" : o.window} · ${formatWhole(requests)} requests`,
    ["Route", "Requests", "429", "5xx", "p95"],
    routes.map((r) => [
      String(r.label ?? r.route),
      formatWhole(num(r.requests)),
      rate(num(r.rate429)),
      rate(num(r.rate5xx)),
      r.p95Ms === null || r.p95Ms === undefined ? "–" : latency(num(r.p95Ms)),
    ]),
    false,
  );
}

function models(o: Json): ToolSummary | null {
  if (!Array.isArray(o.models)) return null;
  const ids = objects(o.models).map((m) => String(m.id));
  return { kind: "list", caption: `${ids.length} model${ids.length === 1 ? "" : "s"}`, items: ids };
}

/** The readable part of a tool's output (JSON text, possibly cut short by the size cap). */
export function summariseToolResult(result: string | undefined): ToolSummary {
  if (!result) return { kind: "none" };
  let parsed: unknown;
  try {
    parsed = JSON.parse(result);
  } catch {
    return { kind: "none" };
  }
  if (!isObject(parsed)) return { kind: "none" };
  if (typeof parsed.error === "string") return { kind: "error", message: parsed.error };
  return usage(parsed) ?? costs(parsed) ?? health(parsed) ?? models(parsed) ?? { kind: "none" };
}

/** JSON indented for reading; text that is not JSON as it is. */
export function prettyJson(json: string | undefined): string {
  if (!json) return "";
  try {
    return JSON.stringify(JSON.parse(json), null, 2);
  } catch {
    return json;
  }
}

/** Arguments as short "name: value" pairs ("startDate: 2026-11-15"), or "" for none. */
export function argumentPairs(json: string): string[] {
  try {
    const parsed: unknown = JSON.parse(json || "{}");
    if (!isObject(parsed)) return [];
    return Object.entries(parsed).map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`);
  } catch {
    return [json];
  }
}

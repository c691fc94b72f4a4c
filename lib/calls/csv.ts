import { callOutcome } from "./labels";

// The Calls page's CSV exports. A spreadsheet runs a cell that begins with = + - @ (or a tab or
// carriage return) as a formula: such text cells are prefixed with an apostrophe (OWASP's advice),
// so a member's name like "=HYPERLINK(…)" stays text. Numbers are written as numbers.

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvTable(header: string[], rows: Array<Array<string | number | null | undefined>>): string {
  return `${[header.join(","), ...rows.map((r) => r.map(csvCell).join(","))].join("\r\n")}\r\n`;
}

const iso = (d: Date | string | null) => (d === null ? null : typeof d === "string" ? d : d.toISOString());
const usd = (micros: number) => (micros / 1e6).toFixed(6);

interface CsvCall {
  id: string;
  channel: "browser" | "phone";
  fromMasked: string | null;
  userName: string | null;
  userEmail: string | null;
  model: string;
  startedAt: Date;
  endedAt: Date | null;
  endReason: Parameters<typeof callOutcome>[0]["endReason"];
  responses: number;
  inputTokens: number;
  cachedInputTokens: number;
  inputAudioTokens: number;
  outputTokens: number;
  outputAudioTokens: number;
  totalTokens: number;
  costMicros: number;
}

export function callsCsv(calls: CsvCall[]): string {
  return csvTable(
    [
      "call_id",
      "member_name",
      "member_email",
      "model",
      "started_at",
      "ended_at",
      "duration_seconds",
      "outcome",
      "channel",
      "phone_from_masked",
      "responses",
      "input_tokens",
      "cached_input_tokens",
      "input_audio_tokens",
      "output_tokens",
      "output_audio_tokens",
      "total_tokens",
      "estimated_cost_usd",
    ],
    calls.map((c) => [
      c.id,
      c.userName,
      c.userEmail,
      c.model,
      iso(c.startedAt),
      iso(c.endedAt),
      c.endedAt ? Math.round((c.endedAt.getTime() - c.startedAt.getTime()) / 1000) : null,
      callOutcome(c),
      c.channel,
      c.fromMasked,
      c.responses,
      c.inputTokens,
      c.cachedInputTokens,
      c.inputAudioTokens,
      c.outputTokens,
      c.outputAudioTokens,
      c.totalTokens,
      usd(c.costMicros),
    ]),
  );
}

interface CsvRequest {
  id: string;
  userName: string | null;
  userEmail: string | null;
  route: string;
  model: string | null;
  status: number;
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
  costMicros: number;
  createdAt: Date;
}

export function proxyRequestsCsv(requests: CsvRequest[]): string {
  return csvTable(
    [
      "request_id",
      "member_name",
      "member_email",
      "route",
      "model",
      "status",
      "input_tokens",
      "cached_input_tokens",
      "output_tokens",
      "estimated_cost_usd",
      "time",
    ],
    requests.map((r) => [
      r.id,
      r.userName,
      r.userEmail,
      r.route,
      r.model,
      r.status,
      r.inputTokens,
      r.cachedInputTokens,
      r.outputTokens,
      usd(r.costMicros),
      iso(r.createdAt),
    ]),
  );
}

import type { IncomingMessage } from "node:http";
import type { FakeState } from "./state";

export interface LoggedRequest {
  id: number;
  time: string;
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  body: unknown;
  status: number | null;
  durationMs: number | null;
  fault?: string;
}

const MAX_ENTRIES = 500;
const SECRET_PATTERN = /\b(sk-admin-|sk-|ek_)[A-Za-z0-9_\-.]+/g;
const SECRET_FIELD = /(key|secret|token|password|authorization)/i;

/** Keeps only the key's prefix and its last four characters, like "sk-…abcd". */
export function redactSecret(value: string): string {
  return value.replace(SECRET_PATTERN, (match, prefix: string) => `${prefix}…${match.slice(-4)}`);
}

function redactValue(value: unknown, fieldName = ""): unknown {
  if (typeof value === "string") {
    const cleaned = redactSecret(value);
    return SECRET_FIELD.test(fieldName) && cleaned === value && value.length > 4 ? `…${value.slice(-4)}` : cleaned;
  }
  if (Array.isArray(value)) return value.map((v) => redactValue(v, fieldName));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactValue(v, k)]));
  }
  return value;
}

/** A multipart form's text parts (JSON parsed, e.g. a call's `session`); other parts by size. */
function describeMultipart(raw: Buffer, contentType: string): unknown {
  const boundary = /boundary="?([^";]+)"?/.exec(contentType)?.[1];
  if (!boundary) return `<multipart/form-data, ${raw.length} bytes>`;
  const parts: Record<string, unknown> = {};
  for (const chunk of raw.toString("utf8").split(`--${boundary}`)) {
    const [head, ...rest] = chunk.split("\r\n\r\n");
    const name = /name="([^"]+)"/.exec(head ?? "")?.[1];
    if (!name) continue;
    const value = rest.join("\r\n\r\n").replace(/\r\n$/, "");
    if (name === "sdp") parts[name] = `<sdp, ${value.length} bytes>`;
    else {
      try {
        parts[name] = redactValue(JSON.parse(value), name);
      } catch {
        parts[name] = `<${value.length} bytes>`;
      }
    }
  }
  return parts;
}

function describeBody(raw: Buffer, contentType: string): unknown {
  if (raw.length === 0) return null;
  if (contentType.startsWith("multipart/form-data")) return describeMultipart(raw, contentType);
  if (contentType.includes("application/json")) {
    try {
      return redactValue(JSON.parse(raw.toString("utf8")));
    } catch {
      return `<invalid json, ${raw.length} bytes>`;
    }
  }
  return `<${contentType.split(";")[0] || "body"}, ${raw.length} bytes>`;
}

export function logRequest(state: FakeState, req: IncomingMessage, url: URL, raw: Buffer): LoggedRequest {
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(key).map(redactSecret);
    query[key] = all.length === 1 ? (all[0] as string) : all;
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(", ") : value;
    headers[name] = redactValue(text, name) as string;
  }
  const entry: LoggedRequest = {
    id: (state.requests.at(-1)?.id ?? 0) + 1,
    time: new Date().toISOString(),
    method: req.method ?? "GET",
    path: url.pathname,
    query,
    headers,
    body: describeBody(raw, String(req.headers["content-type"] ?? "")),
    status: null,
    durationMs: null,
  };
  state.requests.push(entry);
  if (state.requests.length > MAX_ENTRIES) state.requests.splice(0, state.requests.length - MAX_ENTRIES);
  return entry;
}

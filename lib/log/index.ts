// Anything shaped like an OpenAI key or ephemeral secret is cut to its last four characters
// before it can reach a log line.

import "server-only";

const SECRET_PATTERN = /\b(sk-[A-Za-z0-9_-]*?|ek_)[A-Za-z0-9_-]{8,}/g;

export function redactSecrets(text: string): string {
  return text.replace(SECRET_PATTERN, (match, prefix: string) => `${prefix}…${match.slice(-4)}`);
}

// A query error's parameters (drizzle's "params: …") never reach a log line, whoever logs it.
// In the JSON line the newline before it is escaped (a backslash and n): no word boundary there.
const QUERY_PARAMS = /(\\n|\b)params: (?:[^"\\]|\\.)*/g;

type Level = "info" | "warn" | "error";

export function log(level: Level, event: string, fields: Record<string, unknown> = {}): void {
  const line = redactSecrets(JSON.stringify({ time: new Date().toISOString(), level, event, ...fields })).replace(
    QUERY_PARAMS,
    "$1params: [not logged]",
  );
  if (level === "error") console.error(line);
  else if (level === "warn") console.warn(line);
  else console.log(line);
}

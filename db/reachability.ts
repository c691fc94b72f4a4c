// Which failures mean "the database is away" (refused, reset, timed out, shutting down, too busy)
// rather than "this query is wrong". Knows the error shapes of node-postgres, Neon's driver and
// PGlite; callers map a match to 503 `database_unavailable`.

const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

// SQLSTATE: 08 connection exception, 53 insufficient resources (too many connections, disk full),
// 57P01-03 shutting down / starting up, 57014 statement timeout (a stalled or overloaded server).
const SQLSTATE = /^(08...|53...|57P0[123]|57014)$/;

// node-postgres, Neon and PGlite raise these without a code.
const MESSAGES =
  /timeout exceeded when trying to connect|connection terminated|query read timeout|not queryable|connection timeout|websocket|PGlite is closed/i;

const MAX_DEPTH = 6;

export function isDatabaseUnreachable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > MAX_DEPTH) return false;
  // Auth.js wraps what its callbacks threw as `cause: { err }`.
  const { code, message, cause, errors, err } = error as {
    code?: unknown;
    message?: unknown;
    cause?: unknown;
    errors?: unknown;
    err?: unknown;
  };
  if (typeof code === "string" && (NETWORK_CODES.has(code) || SQLSTATE.test(code))) return true;
  if (typeof message === "string" && MESSAGES.test(message) && !("query" in error)) return true;
  if (Array.isArray(errors) && errors.some((inner) => isDatabaseUnreachable(inner, depth + 1))) return true;
  return isDatabaseUnreachable(cause, depth + 1) || isDatabaseUnreachable(err, depth + 1);
}

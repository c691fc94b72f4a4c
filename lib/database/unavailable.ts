import { randomUUID } from "node:crypto";
import { isDatabaseUnreachable } from "@/db/reachability";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";

/** Seconds a client should wait before retrying: a Neon compute wakes, a failover completes. */
const RETRY_AFTER_SECONDS = 2;

/** The database could not be opened (connected, or for PGlite created) at all. */
export class DatabaseOpenError extends Error {
  constructor(cause: unknown) {
    super("The database could not be opened", { cause });
    this.name = "DatabaseOpenError";
  }
}

/**
 * The one mapping of "the database is away" (refused, reset, timed out, stalled, shutting down,
 * not opening) to 503 `database_unavailable` with Retry-After; null for any other failure.
 */
export function databaseUnavailable(error: unknown): AppError | null {
  if (error instanceof AppError) return error.code === "database_unavailable" ? error : null;
  if (!(error instanceof DatabaseOpenError) && !isDatabaseUnreachable(error)) return null;
  return new AppError("database_unavailable", "Can't reach the database right now. Try again in a few seconds.", undefined, {
    "retry-after": String(RETRY_AFTER_SECONDS),
  });
}

/** An error as a log field: name, message and code of it and its causes, never query parameters or row data. */
export function describeFailure(error: unknown): Record<string, unknown> | string {
  if (!(error instanceof Error)) return String(error);
  const { code, query } = error as { code?: unknown; query?: unknown };
  return {
    name: error.name,
    // Scrubbed query errors (db/drizzle-fixes.ts) carry the SQL text only; say so rather than trust it.
    message: typeof query === "string" ? `Failed query: ${query}` : error.message,
    ...(typeof code === "string" ? { code } : {}),
    ...(error.cause === undefined ? {} : { cause: describeFailure(error.cause) }),
  };
}

/**
 * For server-rendered pages: a database outage becomes an error whose digest (all that an error
 * boundary sees in production) says `database_unavailable:<request id>`, logged under that id.
 * Anything else (a redirect, a bug) passes through unchanged.
 */
export function pageFailure(error: unknown): unknown {
  if (!databaseUnavailable(error)) return error;
  const requestId = randomUUID();
  log("error", "page_failed", { requestId, code: "database_unavailable", cause: describeFailure(error) });
  const failure = new Error(`database_unavailable (request ${requestId})`);
  failure.stack = failure.message;
  return Object.assign(failure, { digest: `database_unavailable:${requestId}` });
}

/** A page's database work: an outage shows the error page's "can't reach the database" state. */
export const forPage = <T>(work: Promise<T>): Promise<T> =>
  work.catch((error: unknown) => {
    throw pageFailure(error);
  });

/** A page's optional database read (the login page's sign-up offer): in an outage, `fallback`. */
export const unlessDatabaseAway = <T, F>(work: Promise<T>, fallback: F): Promise<T | F> =>
  work.catch((error: unknown) => {
    if (databaseUnavailable(error)) return fallback;
    throw error;
  });

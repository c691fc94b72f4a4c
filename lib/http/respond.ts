import "server-only";
import { NextResponse } from "next/server";
// The narrow module, not @/lib/database: proxy.ts uses this file, and the middleware bundle must not
// trace the database drivers (scripts/vercel-build.test.ts checks it).
import { databaseUnavailable, describeFailure } from "@/lib/database/unavailable";
import { AppError, type ErrorEnvelope } from "@/lib/errors";
import { log } from "@/lib/log";

/** The call frames of a stack, without its first line (the message, which may quote data). */
const framesOf = (error: Error) => error.stack?.split("\n").filter((line) => line.trimStart().startsWith("at "));

export function errorResponse(error: unknown, requestId: string, route: string): NextResponse<ErrorEnvelope> {
  const unavailable = databaseUnavailable(error);
  const appError =
    error instanceof AppError
      ? error
      : (unavailable ?? new AppError("internal_error", "Something went wrong on our side. Try again, or quote the request id."));
  if (appError.status >= 500) {
    // A mapped failure is an expected outcome (its message says it all); anything else is a bug: keep its frames.
    const cause =
      error instanceof AppError
        ? { message: error.message }
        : unavailable || !(error instanceof Error)
          ? describeFailure(error)
          : { ...(describeFailure(error) as object), stack: framesOf(error) };
    log("error", "request_failed", { requestId, route, code: appError.code, cause });
  }
  const body: ErrorEnvelope = {
    error: appError.message,
    code: appError.code,
    status: appError.status,
    ...(appError.details === undefined ? {} : { details: appError.details }),
    requestId,
  };
  return NextResponse.json(body, {
    status: appError.status,
    headers: { "x-request-id": requestId, "cache-control": "no-store", ...appError.headers },
  });
}

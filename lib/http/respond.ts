import "server-only";
import { NextResponse } from "next/server";
import { log } from "@/lib/log";
import { AppError, type ErrorEnvelope } from "@/lib/errors";

export function errorResponse(error: unknown, requestId: string, route: string): NextResponse<ErrorEnvelope> {
  const appError =
    error instanceof AppError
      ? error
      : new AppError("internal_error", "Something went wrong on our side. Try again, or quote the request id.");
  if (appError.status >= 500) {
    // A mapped AppError is an expected outcome (its message says it all); anything else is a bug: keep its stack.
    const cause =
      error instanceof AppError
        ? { message: error.message }
        : error instanceof Error
          ? { name: error.name, message: error.message, stack: error.stack }
          : String(error);
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

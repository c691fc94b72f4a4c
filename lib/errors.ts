// The one error type of the app and the closed list of codes it answers with. No imports: server
// modules throw these, the route wrapper maps them to the JSON envelope, and client components
// read the same codes (app/_components/api/).

/** Every error code the API can answer with, and the HTTP status it carries. */
export const ERROR_STATUS = {
  bad_request: 400,
  unauthorized: 401,
  budget_exceeded: 402,
  forbidden: 403,
  insufficient_scope: 403,
  cross_origin: 403,
  signup_not_allowed: 403,
  client_secrets_disabled: 403,
  projects_not_mapped: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  email_taken: 409,
  already_member: 409,
  last_owner: 409,
  invite_used: 410,
  invite_expired: 410,
  invite_revoked: 410,
  link_used: 410,
  link_expired: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  key_rejected: 422,
  key_wrong_kind: 422,
  no_key_configured: 424,
  upstream_key_rejected: 424,
  rate_limited: 429,
  upstream_rate_limited: 429,
  internal_error: 500,
  key_decrypt_failed: 500,
  upstream_error: 502,
  upstream_malformed: 502,
  upstream_rejected: 502,
  upstream_unreachable: 502,
  mail_failed: 502,
  database_unavailable: 503,
  upstream_timeout: 504,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export const isErrorCode = (value: unknown): value is ErrorCode => typeof value === "string" && Object.hasOwn(ERROR_STATUS, value);

/** The JSON body of every error answer. */
export interface ErrorEnvelope {
  error: string;
  code: ErrorCode;
  status: number;
  details?: unknown;
  requestId: string;
}

/** The one error type code throws; the route wrapper turns it into the envelope. Its status follows from its code. */
export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "AppError";
    this.status = ERROR_STATUS[code];
  }
}

export const badRequest = (message: string, details?: unknown) => new AppError("bad_request", message, details);
export const unauthorized = (message = "Sign in to continue.") => new AppError("unauthorized", message);
export const forbidden = (message: string) => new AppError("forbidden", message);
export const notFound = (message: string) => new AppError("not_found", message);
export const conflict = (message: string, code: "conflict" | "email_taken" | "already_member" = "conflict") => new AppError(code, message);

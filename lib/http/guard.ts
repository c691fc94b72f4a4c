import { env } from "@/lib/config/env";
import { AppError, badRequest } from "@/lib/errors";

// Checks the route wrapper runs on headers and parsed input alone, before any database work.

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

const first = (header: string | null) => header?.split(",")[0]?.trim() || null;

/**
 * The dashboard's own origin: AUTH_URL's when set; otherwise, when the host is trusted
 * (AUTH_TRUST_HOST, the default), the one the request was sent to, as the proxy in front saw it.
 */
export function dashboardOrigin(req: Request): string {
  const { AUTH_URL, AUTH_TRUST_HOST } = env();
  if (AUTH_URL) return new URL(AUTH_URL).origin;
  const url = new URL(req.url);
  const host = (AUTH_TRUST_HOST && first(req.headers.get("x-forwarded-host"))) || req.headers.get("host") || url.host;
  const proto = (AUTH_TRUST_HOST && first(req.headers.get("x-forwarded-proto"))) || url.protocol.replace(/:$/, "");
  return `${proto}://${host}`;
}

const crossOrigin = () => new AppError("cross_origin", "Cross-site requests are refused: send this request from the dashboard itself.");

/**
 * Refuses a state change sent from another site, whatever cookie came with it (SameSite=Lax
 * still lets same-site subdomains through). Browsers send `Origin` on every POST, PUT, PATCH
 * and DELETE, and `Sec-Fetch-Site` too; a request with neither is not from a browser (curl, an
 * SDK with a bearer credential), so no page can have forged it, and it passes.
 */
export function refuseCrossSite(req: Request): void {
  if (!STATE_CHANGING.has(req.method)) return;
  const origin = req.headers.get("origin");
  if (origin !== null) {
    if (origin !== dashboardOrigin(req)) throw crossOrigin();
    return;
  }
  const site = req.headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin" && site !== "none") throw crossOrigin();
}

const mediaType = (header: string | null) => header?.split(";")[0]?.trim().toLowerCase() ?? "";

/**
 * A body must come as the route's media type: a foreign page can post `text/plain` (or a form)
 * without a CORS preflight, but never `application/json`. An empty body needs no type.
 */
export function requireContentType(req: Request, expected: string): void {
  if (!STATE_CHANGING.has(req.method)) return;
  const length = req.headers.get("content-length");
  const hasBody = (length !== null && length !== "0") || req.headers.has("transfer-encoding");
  if (!hasBody || mediaType(req.headers.get("content-type")) === expected) return;
  throw new AppError("unsupported_media_type", `Send the request body as ${expected}.`);
}

function hasNul(value: unknown): boolean {
  if (typeof value === "string") return value.includes("\u0000");
  if (Array.isArray(value)) return value.some(hasNul);
  if (value && typeof value === "object") return Object.entries(value).some(([k, v]) => k.includes("\u0000") || hasNul(v));
  return false;
}

/** PostgreSQL cannot store NUL in text: such input is refused here as bad input, never a 500. */
export function refuseNul(value: unknown, what: string): void {
  if (hasNul(value)) throw badRequest(`Invalid ${what}: text must not contain the NUL character (\\u0000).`);
}

import { env } from "@/lib/config/env";

/**
 * The client's address for throttling, from request headers (route handlers and server actions
 * never see the socket). With AUTH_TRUST_HOST (the default: behind Vercel or a reverse proxy) it is
 * the first hop of X-Forwarded-For, which the proxy reports as the client; Next.js itself fills the
 * header from the socket when nothing in front set it. Without trust it is X-Real-IP (set by
 * nginx-style proxies), else the nearest X-Forwarded-For hop. A client that reaches the server
 * directly can choose the first hop, so the per-address budget is a second line: the per-email and
 * per-workspace budgets do not depend on it.
 */
export function clientAddress(headers: Headers): string {
  const forwarded = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  const realIp = headers.get("x-real-ip")?.trim();
  const address = env().AUTH_TRUST_HOST ? (forwarded[0] ?? realIp) : (realIp ?? forwarded.at(-1));
  // An address is short; anything else is noise a client sent and must not grow the key space unboundedly.
  return address ? address.slice(0, 64).toLowerCase() : "unknown";
}

import { env } from "@/lib/config/env";

/**
 * The dashboard's origin for links that leave the request (mails): AUTH_URL when set, else the
 * request's own host as the proxy reports it. Set AUTH_URL in production: without it a client that
 * reaches the server directly chooses the Host its own reset mail links to.
 */
export function publicOrigin(headers: Headers): string {
  const configured = env().AUTH_URL;
  if (configured) return new URL(configured).origin;
  const host = headers.get("x-forwarded-host") ?? headers.get("host") ?? "localhost";
  const proto = headers.get("x-forwarded-proto") === "https" ? "https" : "http";
  return new URL(`${proto}://${host}`).origin;
}

export const resetPasswordUrl = (origin: string, token: string) => `${origin}/reset-password?token=${encodeURIComponent(token)}`;
export const verifyEmailUrl = (origin: string, token: string) => `${origin}/verify-email?token=${encodeURIComponent(token)}`;

/** Only same-site paths may be returned to after sign-in (no open redirects). */

import "server-only";

export function safeCallbackUrl(value: unknown): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\"))
    return "/";
  return value;
}

import "server-only";

// Printable ASCII only: a newline or a character above U+00FF cannot go into a Location header
// (it made the redirect after a correct sign-in throw), and the proxy already percent-encodes paths.
const SAFE_PATH = /^\/[\x21-\x7e]*$/;
const ORIGIN = "http://same-origin.invalid";

/** Only same-origin paths may be returned to after sign-in (no open redirects); anything else is "/". */
export function safeCallbackUrl(value: unknown): string {
  if (typeof value !== "string" || value.length > 2048 || !SAFE_PATH.test(value)) return "/";
  if (value.startsWith("//") || value.startsWith("/\\")) return "/";
  // Browsers read "\" as "/" and resolve dot segments: judge the path as a browser would.
  const resolved = new URL(value, ORIGIN);
  return resolved.origin === ORIGIN ? value : "/";
}

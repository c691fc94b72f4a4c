import { env, isDevelopmentServer } from "@/lib/config/env";

// Response headers that depend on the deployment: the pages' Content-Security-Policy and HSTS.

/**
 * The policy every page renders under (proxy.ts sets it with a fresh nonce per request; Next.js
 * puts that nonce on its own scripts, and `'strict-dynamic'` lets them load the chunks they
 * import). Styles allow `'unsafe-inline'`: React `style` attributes (charts, meters) cannot carry
 * a nonce, and a style cannot run code. `form-action` stays open on purpose: the OAuth and OIDC
 * sign-in forms end in a redirect to the identity provider, which Chromium checks against it.
 */
export function pageContentSecurityPolicy(nonce: string): string {
  // The WebSocket voice transport connects the browser to the upstream's realtime endpoint
  // (lib/openai/realtime.ts realtimeSocketURL); the WebRTC relay is our own origin.
  const realtime = new URL(env().OPENAI_BASE_URL);
  realtime.protocol = realtime.protocol === "http:" ? "ws:" : "wss:";
  return [
    "default-src 'self'",
    // React's development build evaluates strings for its call stacks; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDevelopmentServer() ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self' ${realtime.origin}`,
    "media-src 'self' blob:",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/**
 * HSTS when the dashboard is served over HTTPS (its AUTH_URL says so, or the proxy in front
 * reports it). Without includeSubDomains: the dashboard does not speak for its parent domain.
 */
export function strictTransportSecurity(req: Request): string | null {
  const proto = req.headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  const https = env().AUTH_URL?.startsWith("https:") || proto === "https" || req.url.startsWith("https:");
  return https ? "max-age=31536000" : null;
}

import { type NextRequest, NextResponse } from "next/server";
import { pageContentSecurityPolicy, strictTransportSecurity } from "@/lib/http/security-headers";

// Pages only: gives each page render its Content-Security-Policy nonce, and sends signed-out
// visitors of the dashboard to /login before anything renders (the dashboard layout verifies the
// session itself). API routes are left out on purpose: every one authenticates and sets its own
// headers in the route wrapper (lib/http/route.ts, proven by e2e/api-guard.spec.ts), and running
// a proxy on each API call cost about 40% of the token route's throughput in `npm run bench`.
const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token(\.\d+)?$/;
const OPEN_PAGES = /^\/(login|signup)(\/|$)/;

export function proxy(req: NextRequest) {
  const signedIn = req.cookies.getAll().some((cookie) => SESSION_COOKIE.test(cookie.name));
  if (!signedIn && !OPEN_PAGES.test(req.nextUrl.pathname)) {
    const login = new URL("/login", req.url);
    login.searchParams.set("callbackUrl", req.nextUrl.pathname + req.nextUrl.search);
    return NextResponse.redirect(login);
  }
  const csp = pageContentSecurityPolicy(Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64"));
  // Next.js reads the nonce from the request's policy and puts it on the scripts it renders.
  const headers = new Headers(req.headers);
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  const hsts = strictTransportSecurity(req);
  if (hsts) response.headers.set("strict-transport-security", hsts);
  return response;
}

export const config = {
  matcher: ["/((?!api/|_next/|favicon\\.ico|icon\\.svg|robots\\.txt).*)"],
};

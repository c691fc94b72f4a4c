import { type NextRequest, NextResponse } from "next/server";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/respond";
import { pageContentSecurityPolicy, strictTransportSecurity } from "@/lib/http/security-headers";

// Pages only: gives each page render its Content-Security-Policy nonce, refuses cross-origin posts
// to pages (server actions), and sends signed-out visitors of the dashboard to /login before
// anything renders (the dashboard layout verifies the session itself). API routes are left out on
// purpose: every one authenticates and sets its own headers in the route wrapper (lib/http/route.ts,
// proven by e2e/api-guard.spec.ts), and running a proxy on each API call cost about 40% of the
// token route's throughput in `npm run bench`.
const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token(\.\d+)?$/;
const PUBLIC_PAGE = /^\/(login|signup|invite|forgot-password|reset-password|verify-email)(\/|$)/;

/** The host the request was addressed to, as Next.js's server-action check reads it. */
function requestHost(req: NextRequest): string | null {
  return req.headers.get("x-forwarded-host")?.split(",")[0]?.trim() || req.headers.get("host");
}

function originHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

// Next.js aborts a server action whose Origin is not the page's host, but answers 500 (and throws
// on an unparsable Origin): refuse such posts here first, with a clean 403.
function crossOriginPost(req: NextRequest): boolean {
  if (req.method === "GET" || req.method === "HEAD") return false;
  const origin = req.headers.get("origin");
  if (origin === null) return false; // not sent by a browser, so it carries no one else's cookies willingly
  const host = originHost(origin);
  return !host || host !== requestHost(req);
}

export function proxy(req: NextRequest) {
  if (crossOriginPost(req))
    return errorResponse(
      new AppError("cross_origin", "This form was posted from another site; open the dashboard and try again."),
      crypto.randomUUID(),
      "page_action",
    );
  const signedIn = req.cookies.getAll().some((cookie) => SESSION_COOKIE.test(cookie.name));
  if (!signedIn && !PUBLIC_PAGE.test(req.nextUrl.pathname)) {
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

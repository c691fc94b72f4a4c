import { type NextRequest, NextResponse } from "next/server";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/respond";

// Pages only: sends signed-out visitors to /login before anything renders (the dashboard layout
// verifies the session itself), and refuses cross-origin posts to pages (server actions). API
// routes are left out on purpose: every one authenticates in the route wrapper (lib/http/route.ts,
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
  if (PUBLIC_PAGE.test(req.nextUrl.pathname)) return NextResponse.next();
  const signedIn = req.cookies.getAll().some((cookie) => SESSION_COOKIE.test(cookie.name));
  if (signedIn) return NextResponse.next();
  const login = new URL("/login", req.url);
  login.searchParams.set("callbackUrl", req.nextUrl.pathname + req.nextUrl.search);
  return NextResponse.redirect(login);
}

export const config = {
  matcher: ["/((?!api/|_next/|favicon\\.ico|icon\\.svg|robots\\.txt).*)"],
};

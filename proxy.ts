import { type NextRequest, NextResponse } from "next/server";

// Pages only: sends signed-out visitors to /login before anything renders (the dashboard layout
// verifies the session itself). API routes are left out on purpose: every one authenticates in
// the route wrapper (lib/http/route.ts, proven by e2e/api-guard.spec.ts), and running a proxy on
// each API call cost about 40% of the token route's throughput in `npm run bench`.
const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token(\.\d+)?$/;

export function proxy(req: NextRequest) {
  const signedIn = req.cookies.getAll().some((cookie) => SESSION_COOKIE.test(cookie.name));
  if (signedIn) return NextResponse.next();
  const login = new URL("/login", req.url);
  login.searchParams.set("callbackUrl", req.nextUrl.pathname + req.nextUrl.search);
  return NextResponse.redirect(login);
}

export const config = {
  matcher: ["/((?!api/|login|signup|forgot-password|reset-password|verify-email|_next/|favicon\\.ico|icon\\.svg|robots\\.txt).*)"],
};

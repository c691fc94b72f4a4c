import { type NextRequest, NextResponse } from "next/server";

// An optimistic check on the presence of the Auth.js session cookie: the route wrapper and the
// dashboard layout verify the session itself. Here we only turn signed-out visitors away early.
const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token(\.\d+)?$/;

export function proxy(req: NextRequest) {
  const signedIn = req.cookies.getAll().some((cookie) => SESSION_COOKIE.test(cookie.name));
  if (signedIn) return NextResponse.next();
  if (req.nextUrl.pathname.startsWith("/api/")) {
    const requestId = crypto.randomUUID();
    return NextResponse.json(
      { error: "Sign in to continue.", code: "unauthorized", status: 401, requestId },
      { status: 401, headers: { "x-request-id": requestId, "cache-control": "no-store" } },
    );
  }
  const login = new URL("/login", req.url);
  login.searchParams.set("callbackUrl", req.nextUrl.pathname + req.nextUrl.search);
  return NextResponse.redirect(login);
}

export const config = {
  matcher: ["/((?!api/auth|api/health|api/metrics|api/bench|login|signup|_next/|favicon\\.ico|icon\\.svg|robots\\.txt).*)"],
};

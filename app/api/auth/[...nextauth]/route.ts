import { handlers } from "@/lib/auth";
import { admitCredentialsCallback } from "@/lib/auth/attempts";
import { route } from "@/lib/http/route";

export const { GET } = handlers;

// Password sign-ins posted straight to Auth.js are throttled like the login form: 429 with Retry-After.
export const POST = route({ name: "auth", auth: "public", requestChecks: "delegated" }, async ({ req }) => {
  if (req.nextUrl.pathname.endsWith("/callback/credentials")) await admitCredentialsCallback(req);
  const res = await handlers.POST(req);
  // Auth.js answers redirects with immutable headers; the wrapper adds its own (request id, no-store).
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers: new Headers(res.headers) });
});

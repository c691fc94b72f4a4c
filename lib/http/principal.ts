import { getToken } from "next-auth/jwt";
import { authSecret } from "@/lib/config/secrets";
import { unauthorized } from "./errors";

export interface Principal {
  userId: string;
  email: string;
  name: string | null;
  /** Set when the credential is bound to one workspace (a realtime call ticket): the request acts there only. */
  workspaceId?: string;
}

/**
 * Who is calling: the Auth.js session cookie, decoded directly (one JWE decryption, no Auth.js
 * round trip: this runs on every API call). Only the cookie counts — a session JWT sent as a
 * bearer token is not accepted. Routes that take another credential pass their own
 * authenticator to route() (e.g. lib/realtime/tickets.ts).
 */
export async function authenticate(req: Request): Promise<Principal> {
  const cookie = req.headers.get("cookie") ?? "";
  const secureCookie = cookie.includes("__Secure-authjs.session-token");
  const token = cookie
    ? await getToken({ req: { headers: { cookie } }, secret: authSecret(), secureCookie }).catch(() => null)
    : null;
  if (token?.sub && typeof token.email === "string")
    return { userId: token.sub, email: token.email, name: typeof token.name === "string" ? token.name : null };
  if (req.headers.get("authorization")?.startsWith("Bearer "))
    throw unauthorized("Bearer tokens are not accepted by this route; sign in with a session.");
  throw unauthorized();
}

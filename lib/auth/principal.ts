import "server-only";
import { createHash } from "node:crypto";
import { getToken } from "next-auth/jwt";
import { TtlCache } from "@/lib/cache/ttl-cache";
import { authSecret } from "@/lib/config/secrets";
import { unauthorized } from "@/lib/errors";
import { claimedVersion } from "./sessions";

export interface Principal {
  userId: string;
  email: string;
  name: string | null;
  /** The user's session version when the session was issued; admission refuses it once the user's has moved on. */
  sessionVersion: number;
  /** Set when the credential is bound to one workspace (a realtime call ticket, an API token): the request acts there only. */
  workspaceId?: string;
  /** Set when the caller came with a personal access token (lib/tokens/) rather than a session. */
  tokenId?: string;
}

/**
 * Who is calling: the Auth.js session cookie, decoded directly (one JWE decryption, no Auth.js
 * round trip: this runs on every API call). Only the cookie counts — a session JWT sent as a
 * bearer token is not accepted. Routes that take another credential pass their own
 * authenticator to route() (e.g. lib/realtime/tickets.ts).
 */
export async function authenticate(req: Request): Promise<Principal> {
  const cookie = req.headers.get("cookie") ?? "";
  const principal = cookie ? await sessionPrincipal(cookie) : null;
  if (principal) return principal;
  if (req.headers.get("authorization")?.startsWith("Bearer "))
    throw unauthorized("Bearer tokens are not accepted by this route; sign in with a session.");
  throw unauthorized();
}

// A session JWT decodes to the same principal until it expires, so the (AES) decryption is done
// once per cookie value and remembered briefly. This changes nothing about when one stops being
// valid: the session version is checked in the database on every request (lib/http/route.ts).
const decoded = new TtlCache<{ principal: Principal; expiresAtMs: number }>(60_000, 5_000);

async function sessionPrincipal(cookie: string): Promise<Principal | null> {
  const cacheKey = createHash("sha256").update(cookie).digest("base64url");
  const hit = decoded.get(cacheKey);
  if (hit && hit.expiresAtMs > Date.now()) return hit.principal;
  const secureCookie = cookie.includes("__Secure-authjs.session-token");
  const token = await getToken({ req: { headers: { cookie } }, secret: authSecret(), secureCookie }).catch(() => null);
  if (!token?.sub || typeof token.email !== "string") return null;
  const principal = {
    userId: token.sub,
    email: token.email,
    name: typeof token.name === "string" ? token.name : null,
    sessionVersion: claimedVersion(token.sv),
  };
  const expiresAtMs = typeof token.exp === "number" ? token.exp * 1000 : Date.now();
  decoded.set(cacheKey, { principal, expiresAtMs });
  return principal;
}

import "server-only";
import { createHash, randomBytes } from "node:crypto";

// A personal access token is `oc_<id>_<secret>`: the id (16 base62 characters) finds the row and
// is safe to show; the secret (192 random bits) is only ever stored as its SHA-256.

export const TOKEN_PREFIX = "oc_";
const SHAPE = /^oc_([A-Za-z0-9]{16})_([A-Za-z0-9_-]{32})$/;
const BASE62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

export interface TokenCredential {
  id: string;
  secretHash: string;
}

export const hashSecret = (secret: string) => createHash("sha256").update(secret).digest("hex");

function base62Id(): string {
  // 248 is the largest multiple of 62 below 256: rejecting higher bytes keeps every letter equally likely.
  let id = "";
  while (id.length < 16) for (const byte of randomBytes(24)) if (byte < 248 && id.length < 16) id += BASE62[byte % 62];
  return id;
}

/** A new token: what the user is shown once, and what is stored. */
export function mintToken(): { token: string; id: string; secretHash: string } {
  const id = base62Id();
  const secret = randomBytes(24).toString("base64url");
  return { token: `${TOKEN_PREFIX}${id}_${secret}`, id, secretHash: hashSecret(secret) };
}

/** The token in `Authorization: Bearer oc_…`, or null when the request carries none (or another kind of bearer). */
export function bearerTokenOf(req: Request): TokenCredential | "malformed" | null {
  const header = req.headers.get("authorization");
  if (!header?.startsWith(`Bearer ${TOKEN_PREFIX}`)) return null;
  const match = SHAPE.exec(header.slice("Bearer ".length).trim());
  if (!match) return "malformed";
  return { id: match[1]!, secretHash: hashSecret(match[2]!) };
}

/** How a token is shown after creation: its id, never its secret. */
export const tokenHint = (id: string) => `${TOKEN_PREFIX}${id}_…`;

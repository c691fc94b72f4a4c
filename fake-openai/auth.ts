import type { IncomingMessage } from "node:http";
import { type OpenAIErrorBody, openAIError } from "./http-util";
import type { FakeState, IssuedSecret } from "./state";

export type KeyKind = "standard" | "admin" | "ephemeral";
/** Which credentials a route takes: standard (sk-), admin (sk-admin-), or realtime (sk- or ek_). */
export type RouteAccess = "standard" | "admin" | "realtime";

export type AuthResult =
  | { ok: true; key: string; kind: KeyKind; secret?: IssuedSecret }
  | { ok: false; status: number; body: OpenAIErrorBody };

const SUBPROTOCOL_PREFIX = "openai-insecure-api-key.";

/** Bearer token from the Authorization header, or the browser WebSocket subprotocol. */
export function extractKey(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(.+)$/i.exec(header.trim());
    return match?.[1]?.trim() || undefined;
  }
  const protocols = req.headers["sec-websocket-protocol"];
  if (typeof protocols === "string") {
    for (const p of protocols.split(",").map((s) => s.trim())) {
      if (p.startsWith(SUBPROTOCOL_PREFIX)) return p.slice(SUBPROTOCOL_PREFIX.length);
    }
  }
  return undefined;
}

export function classifyKey(key: string): KeyKind | undefined {
  if (key.startsWith("ek_")) return "ephemeral";
  if (key.startsWith("sk-admin-")) return "admin";
  if (key.startsWith("sk-")) return "standard";
  return undefined;
}

/** OpenAI shows the first 8 and last 4 characters with stars between. */
export function maskKeyForMessage(key: string): string {
  if (key.length <= 12) return `${key.slice(0, 3)}***`;
  return `${key.slice(0, 8)}${"*".repeat(Math.min(20, key.length - 12))}${key.slice(-4)}`;
}

const incorrectKey = (key: string) =>
  openAIError(
    `Incorrect API key provided: ${maskKeyForMessage(key)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
    "invalid_request_error",
    null,
    "invalid_api_key",
  );

export function isRevoked(state: FakeState, key: string): boolean {
  return state.revokedKeys.has(key) || key.includes("revoked");
}

export function authenticate(state: FakeState, key: string | undefined, access: RouteAccess): AuthResult {
  if (!key) {
    return {
      ok: false,
      status: 401,
      body: openAIError(
        "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username and password. You can obtain an API key from https://platform.openai.com/account/api-keys.",
      ),
    };
  }
  const kind = classifyKey(key);
  if (!kind || isRevoked(state, key)) return { ok: false, status: 401, body: incorrectKey(key) };

  let secret: IssuedSecret | undefined;
  if (kind === "ephemeral") {
    secret = state.issued.get(key);
    if (!secret || secret.expiresAt * 1000 <= Date.now()) {
      return {
        ok: false,
        status: 401,
        body: openAIError(
          secret ? "The client secret has expired." : "Invalid client secret provided.",
          "invalid_request_error",
          null,
          "invalid_api_key",
        ),
      };
    }
  }

  if (access === "admin" && kind !== "admin") {
    return {
      ok: false,
      status: 401,
      body: openAIError(
        "You have insufficient permissions for this operation. Missing scopes: api.usage.read. Check that you have the correct role in your organization (Reader, Writer, Owner) and project (Member, Owner), and if you're using a restricted API key, that it has the necessary scopes.",
      ),
    };
  }
  if (access !== "admin" && kind === "admin") {
    return {
      ok: false,
      status: 401,
      body: openAIError(
        "Admin API keys can only be used with the administration endpoints (/v1/organization/*).",
        "invalid_request_error",
        null,
        "invalid_api_key",
      ),
    };
  }
  if (access === "standard" && kind === "ephemeral") {
    return {
      ok: false,
      status: 401,
      body: openAIError(
        "Ephemeral client secrets (ek_...) can only be used to connect to the Realtime API.",
        "invalid_request_error",
        null,
        "invalid_api_key",
      ),
    };
  }
  return { ok: true, key, kind, ...(secret ? { secret } : {}) };
}

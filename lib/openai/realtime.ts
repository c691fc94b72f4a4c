import "server-only";
import type { CallAcceptParams } from "openai/resources/realtime/calls";
import type { RealtimeSessionCreateRequest, RealtimeTranscriptionSessionCreateRequest } from "openai/resources/realtime/realtime";
import { AppError } from "@/lib/errors";
import { type OpenAICredential, openaiBaseURL, openaiClient } from "./client";
import { upstreamError } from "./errors";

interface Upstream extends OpenAICredential {
  keyHint: string;
}

/** POST /v1/realtime/client_secrets: an ephemeral `ek_` secret bound to this session config. */
export async function createClientSecret({
  keyHint,
  session,
  expiresAfterSeconds,
  ...credential
}: Upstream & { session: RealtimeSessionCreateRequest; expiresAfterSeconds: number }) {
  try {
    const secret = await openaiClient(credential).realtime.clientSecrets.create({
      expires_after: { anchor: "created_at", seconds: expiresAfterSeconds },
      session,
    });
    if (typeof secret.value !== "string" || typeof secret.expires_at !== "number") throw new Error("malformed client secret");
    const sessionId = "id" in secret.session && typeof secret.session.id === "string" ? secret.session.id : null;
    return { value: secret.value, expiresAt: secret.expires_at, sessionId };
  } catch (error) {
    throw upstreamError(error, keyHint);
  }
}

/**
 * POST /v1/realtime/calls (server form: multipart sdp + session) → the SDP answer and the call id.
 * The session may be a transcription session; the SDK types only the realtime kind but sends either as JSON.
 */
export async function createCall({
  keyHint,
  sdp,
  session,
  ...credential
}: Upstream & { sdp: string; session: RealtimeSessionCreateRequest | RealtimeTranscriptionSessionCreateRequest }) {
  let response: Response;
  try {
    response = await openaiClient(credential).realtime.calls.create({ sdp, session: session as RealtimeSessionCreateRequest });
  } catch (error) {
    throw upstreamError(error, keyHint);
  }
  const callId = response.headers.get("location")?.split("/").pop();
  const answer = await response.text();
  if (!callId || !/^[\w-]+$/.test(callId) || !answer.startsWith("v=0"))
    throw new AppError("upstream_error", "OpenAI answered the call without a usable SDP answer. Try again shortly.");
  return { callId, answer };
}

export async function hangupCall({ keyHint, callId, ...credential }: Upstream & { callId: string }) {
  try {
    await openaiClient(credential).realtime.calls.hangup(callId);
  } catch (error) {
    // Already over upstream: the hangup's goal is reached.
    if (error instanceof Error && "status" in error && error.status === 404) return;
    throw upstreamError(error, keyHint);
  }
}

/** POST /v1/realtime/calls/{id}/accept: a SIP call (realtime.call.incoming) joins a session with this config. */
export async function acceptCall({ keyHint, callId, session, ...credential }: Upstream & { callId: string; session: CallAcceptParams }) {
  try {
    await openaiClient(credential).realtime.calls.accept(callId, session);
  } catch (error) {
    throw upstreamError(error, keyHint);
  }
}

/** POST /v1/realtime/calls/{id}/reject: the caller hears this SIP status (OpenAI's default: 603 Decline). */
export async function rejectCall({ keyHint, callId, statusCode, ...credential }: Upstream & { callId: string; statusCode: number }) {
  try {
    await openaiClient(credential).realtime.calls.reject(callId, { status_code: statusCode });
  } catch (error) {
    throw upstreamError(error, keyHint);
  }
}

/** POST /v1/realtime/calls/{id}/refer: transfers the SIP call (`tel:+1…` or `sip:…`). */
export async function referCall({ keyHint, callId, targetUri, ...credential }: Upstream & { callId: string; targetUri: string }) {
  try {
    await openaiClient(credential).realtime.calls.refer(callId, { target_uri: targetUri });
  } catch (error) {
    throw upstreamError(error, keyHint);
  }
}

/**
 * wss://…/v1/realtime?…, from OPENAI_BASE_URL (ws:// for the local fake): `call_id` joins a live
 * call as the server (sideband); `model` is where a WebSocket client with an `ek_` secret connects.
 */
export function realtimeSocketURL(params: { call_id: string } | { model: string }): string {
  const url = new URL(`${openaiBaseURL().replace(/\/$/, "")}/realtime`);
  url.protocol = url.protocol === "http:" ? "ws:" : "wss:";
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url.toString();
}

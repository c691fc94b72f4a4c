import { invalidJsonError, openAIError, parseJsonBody, sendEmpty, sendError } from "../http-util";
import { defaultSessionConfig, type RealtimeSessionConfig } from "../realtime/session-config";
import { startCall } from "../realtime/webrtc-carrier";
import { validateSession } from "./client-secrets";
import type { RouteContext } from "./context";

async function readOffer(ctx: RouteContext): Promise<{ sdp: string; session?: unknown } | undefined> {
  const contentType = String(ctx.req.headers["content-type"] ?? "");
  if (contentType.startsWith("application/sdp")) return { sdp: ctx.body.toString("utf8") };
  if (contentType.startsWith("multipart/form-data")) {
    const form = await new Request("http://fake/", {
      method: "POST",
      headers: { "content-type": contentType },
      body: new Uint8Array(ctx.body),
    }).formData();
    const sdp = form.get("sdp");
    const session = form.get("session");
    const text = async (v: FormDataEntryValue | null) => (v === null ? undefined : typeof v === "string" ? v : await v.text());
    const sdpText = await text(sdp);
    if (!sdpText) return undefined;
    const sessionText = await text(session);
    return { sdp: sdpText, ...(sessionText ? { session: JSON.parse(sessionText) } : {}) };
  }
  return undefined;
}

/** POST /v1/realtime/calls — browser (application/sdp + ek_) or server (multipart sdp + session). */
export async function createCall(ctx: RouteContext) {
  let offer: Awaited<ReturnType<typeof readOffer>>;
  try {
    offer = await readOffer(ctx);
  } catch {
    sendError(ctx.res, 400, invalidJsonError());
    return;
  }
  if (!offer?.sdp.startsWith("v=0")) {
    sendError(
      ctx.res,
      400,
      openAIError(
        "Missing or invalid SDP offer. Send application/sdp, or multipart/form-data with an 'sdp' part.",
        "invalid_request_error",
        "sdp",
        "invalid_offer",
      ),
    );
    return;
  }
  let config: RealtimeSessionConfig;
  if (offer.session !== undefined) {
    const result = validateSession(offer.session);
    if (!result.ok) {
      sendError(ctx.res, 400, openAIError(result.message, "invalid_request_error", result.param, result.code));
      return;
    }
    config = result.config;
  } else {
    config = ctx.secret?.session ?? defaultSessionConfig(ctx.url.searchParams.get("model") ?? "gpt-realtime");
  }
  let call: { id: string; answerSdp: string };
  try {
    call = await startCall(ctx.state, {
      offerSdp: offer.sdp,
      config,
      ...(ctx.secret ? { sessionId: ctx.secret.sessionId } : {}),
    });
  } catch (error) {
    sendError(
      ctx.res,
      400,
      openAIError(`Could not negotiate the SDP offer: ${String(error)}`, "invalid_request_error", "sdp", "invalid_offer"),
    );
    return;
  }
  ctx.res.writeHead(201, { "content-type": "application/sdp", location: `/v1/realtime/calls/${call.id}` });
  ctx.res.end(call.answerSdp);
}

/** POST /v1/realtime/calls/{id}/{accept|hangup|refer|reject} — empty 200 bodies, 404 for an unknown call. */
export function callAction(ctx: RouteContext) {
  const [callId, action] = ctx.params;
  const call = callId ? ctx.state.calls.get(callId) : undefined;
  if (!call) {
    sendError(ctx.res, 404, openAIError(`Call '${callId}' not found.`, "invalid_request_error", "call_id", "call_not_found"));
    return;
  }
  let body: Record<string, unknown>;
  try {
    body = (parseJsonBody(ctx.body) ?? {}) as Record<string, unknown>;
  } catch {
    sendError(ctx.res, 400, invalidJsonError());
    return;
  }
  if (action === "accept") {
    if (body.type !== undefined && body.type !== "realtime") {
      sendError(
        ctx.res,
        400,
        openAIError(
          `Invalid value: '${String(body.type)}'. Supported values are: 'realtime'.`,
          "invalid_request_error",
          "type",
          "invalid_value",
        ),
      );
      return;
    }
    call.accept(body);
  } else if (action === "refer" && typeof body.target_uri !== "string") {
    sendError(
      ctx.res,
      400,
      openAIError("Missing required parameter: 'target_uri'.", "invalid_request_error", "target_uri", "missing_required_parameter"),
    );
    return;
  } else if (action === "hangup" || action === "reject" || action === "refer") {
    if (call.control) call.control(action, body);
    else call.hangup();
  }
  sendEmpty(ctx.res, 200);
}

import { readFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { parseFault } from "./faults";
import { placeIncomingCall } from "./realtime/sip-carrier";
import { openAIError, parseJsonBody, randomId, sendError, sendJson } from "./http-util";
import type { FakeState } from "./state";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wav": "audio/wav",
  ".json": "application/json",
};

async function serveStatic(state: FakeState, res: ServerResponse, relative: string) {
  if (!state.staticDir) return sendError(res, 404, openAIError("No static directory configured."));
  const root = path.resolve(state.staticDir);
  const file = path.resolve(root, relative || "index.html");
  if (!file.startsWith(root + path.sep) && file !== root) return sendError(res, 403, openAIError("Forbidden."));
  try {
    const content = await readFile(file);
    res.writeHead(200, { "content-type": CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream" });
    res.end(content);
  } catch {
    sendError(res, 404, openAIError(`Not found: ${relative}`));
  }
}

/** Test-only endpoints under /_fake (no auth): requests log, client events of calls, faults, reset, issued secrets, calls. */
export async function handleControl(state: FakeState, req: IncomingMessage, res: ServerResponse, url: URL, raw: Buffer) {
  const route = `${req.method} ${url.pathname}`;
  let body: Record<string, unknown>;
  try {
    body = (parseJsonBody(raw) ?? {}) as Record<string, unknown>;
  } catch {
    return sendError(res, 400, openAIError("Invalid JSON body."));
  }
  if (req.method === "GET" && url.pathname.startsWith("/_fake/static/")) {
    return serveStatic(state, res, decodeURIComponent(url.pathname.slice("/_fake/static/".length)));
  }
  switch (route) {
    case "GET /_fake/requests": {
      const prefix = url.searchParams.get("path");
      return sendJson(res, 200, { data: prefix ? state.requests.filter((r) => r.path.startsWith(prefix)) : state.requests });
    }
    case "DELETE /_fake/requests":
      state.requests = [];
      return sendJson(res, 200, { cleared: true });
    case "GET /_fake/faults":
      return sendJson(res, 200, { data: state.faults });
    case "DELETE /_fake/faults":
      state.faults = [];
      return sendJson(res, 200, { cleared: true });
    case "POST /_fake/faults": {
      if (body.clear === true) {
        state.faults = [];
        return sendJson(res, 200, { cleared: true });
      }
      const fault = String(body.fault ?? "");
      if (!parseFault(fault)) {
        return sendError(res, 400, openAIError(`Unknown fault '${fault}'. Use 429, 500, 503, timeout, slow:<ms>, drip:<ms> or malformed.`));
      }
      if (body.path !== undefined && typeof body.path !== "string") return sendError(res, 400, openAIError("'path' must be a string."));
      if (body.key !== undefined && (typeof body.key !== "string" || body.key === ""))
        return sendError(res, 400, openAIError("'key' must be a non-empty string."));
      const count = body.count === undefined ? undefined : Number(body.count);
      if (count !== undefined && !(Number.isInteger(count) && count > 0)) {
        return sendError(res, 400, openAIError("'count' must be a positive integer."));
      }
      const rule = {
        id: randomId("fault_", 8),
        fault,
        ...(typeof body.path === "string" ? { path: body.path } : {}),
        ...(typeof body.key === "string" ? { key: body.key } : {}),
        ...(count !== undefined ? { remaining: count } : {}),
      };
      state.faults.push(rule);
      return sendJson(res, 201, rule);
    }
    case "POST /_fake/reset":
      state.reset();
      return sendJson(res, 200, { reset: true });
    case "GET /_fake/issued":
      return sendJson(res, 200, {
        data: [...state.issued.values()].map((s) => ({
          value: s.value,
          created_at: s.createdAt,
          expires_at: s.expiresAt,
          session_id: s.sessionId,
          model: s.session.model,
        })),
      });
    case "POST /_fake/revoked":
      if (typeof body.key !== "string") return sendError(res, 400, openAIError("'key' must be a string."));
      state.revokedKeys.add(body.key);
      return sendJson(res, 200, { revoked: true });
    case "POST /_fake/transcript":
      if (typeof body.transcript !== "string") return sendError(res, 400, openAIError("'transcript' must be a string."));
      state.transcript = body.transcript;
      return sendJson(res, 200, { transcript: state.transcript });
    case "POST /_fake/sip/incoming": {
      if (typeof body.url !== "string" || !/^https?:\/\//.test(body.url))
        return sendError(res, 400, openAIError("'url' must be an http(s) URL."));
      if (typeof body.secret !== "string" || !body.secret.startsWith("whsec_"))
        return sendError(res, 400, openAIError("'secret' must be a whsec_ signing secret."));
      const text = (name: string) => (typeof body[name] === "string" ? { [name]: body[name] as string } : {});
      const result = await placeIncomingCall(state, {
        url: body.url,
        secret: body.secret,
        ...text("from"),
        ...text("to"),
        ...text("question"),
        ...(typeof body.timestamp_offset_seconds === "number" ? { timestampOffsetSeconds: body.timestamp_offset_seconds } : {}),
        ...(body.forge_signature === true ? { forgeSignature: true } : {}),
      });
      return sendJson(res, 200, result);
    }
    case "GET /_fake/sip/calls":
      return sendJson(res, 200, { data: [...state.sipCalls.values()] });
    case "GET /_fake/events": {
      const call = url.searchParams.get("call");
      return sendJson(res, 200, { data: call ? state.clientEvents.filter((e) => e.callId === call) : state.clientEvents });
    }
    case "GET /_fake/calls":
      return sendJson(res, 200, { data: [...state.calls.keys()].map((id) => ({ id })) });
    default:
      return sendError(res, 404, openAIError(`Unknown control route: ${route}`));
  }
}

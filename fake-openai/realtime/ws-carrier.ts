import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocket, WebSocketServer } from "ws";
import { authenticate, extractKey } from "../auth";
import { openAIError } from "../http-util";
import { isRealtimeModel } from "../models";
import { logRequest } from "../request-log";
import type { FakeState } from "../state";
import { SessionEngine } from "./session-engine";
import { defaultSessionConfig } from "./session-config";

/** OpenAI closes a refused realtime socket with an application close code after an error event. */
const REFUSED_CLOSE_CODE = 3000;

function refuse(ws: WebSocket, message: string, code: string | null) {
  const body = openAIError(message, "invalid_request_error", null, code).error;
  ws.send(JSON.stringify({ type: "error", event_id: `event_refused_${Date.now()}`, error: { ...body, event_id: null } }));
  ws.close(REFUSED_CLOSE_CODE, code ?? "invalid_request_error");
}

/** Realtime over WebSocket: `/v1/realtime?model=…` starts a session, `?call_id=…` joins a live call. */
export function createRealtimeUpgradeHandler(state: FakeState) {
  const wss = new WebSocketServer({
    noServer: true,
    // Browsers offer ["realtime", "openai-insecure-api-key.<key>", …]; the API selects "realtime".
    handleProtocols: (protocols) => (protocols.has("realtime") ? "realtime" : false),
  });

  const onConnection = (ws: WebSocket, req: IncomingMessage, url: URL) => {
    const auth = authenticate(state, extractKey(req), "realtime");
    if (!auth.ok) return refuse(ws, auth.body.error.message, auth.body.error.code);

    const callId = url.searchParams.get("call_id");
    if (callId) {
      const call = state.calls.get(callId);
      if (!call) return refuse(ws, `Call '${callId}' not found.`, "call_not_found");
      const deliver = call.attachSideband(
        (event) => ws.readyState === WebSocket.OPEN && ws.send(JSON.stringify(event)),
        () => ws.close(1000),
      );
      ws.on("message", (data) => deliver(data.toString()));
      return;
    }

    const model = auth.secret?.session.model ?? url.searchParams.get("model") ?? "gpt-realtime";
    if (!isRealtimeModel(model)) return refuse(ws, `Invalid model: '${model}'.`, "invalid_model");
    const engine = new SessionEngine({
      config: auth.secret?.session ?? defaultSessionConfig(model),
      ...(auth.secret ? { sessionId: auth.secret.sessionId } : {}),
      transcript: () => state.transcript,
    });
    engine.subscribe((event) => {
      if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(event));
    });
    ws.on("message", (data) => engine.handleMessage(data.toString()));
    ws.on("close", () => engine.close());
    engine.start();
  };

  return (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? "/", "http://fake");
    if (url.pathname !== "/v1/realtime") {
      socket.end("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    const entry = logRequest(state, req, url, Buffer.alloc(0));
    entry.status = 101;
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws, req, url));
  };
}

// First: configures zod before the Agents SDK's modules load.
import "./zod-without-eval";
import { OpenAIRealtimeWebRTC, OpenAIRealtimeWebSocket, RealtimeAgent, type RealtimeItem, RealtimeSession } from "@openai/agents/realtime";
import type { AssistantSettings } from "@/lib/realtime/policy";
import type { BrowserSession } from "@/lib/realtime/session-config";
import { apiPaths, hangUpCall, issueRealtimeTicket, mintRealtimeToken } from "../../api/routes";
import type { RealtimeTokenRequest } from "../../api/types";
import { MicCapture, PcmPlayer } from "./audio";
import { toVoiceError, type VoiceError } from "./errors";
import { openMicrophone } from "./microphone";
import { assistantTools } from "./tools";

// Loaded with import() when Start is pressed, so the page's first-load JS stays small.

export type TransportKind = "webrtc" | "websocket";

export interface ToolCallEvent {
  callId: string;
  name: string;
  arguments: string;
  startedAt: number;
}

/** A remote MCP tool call waiting for the person in the call to approve or deny it. */
export interface McpApprovalRequest {
  /** The mcp_approval_request item's id. */
  id: string;
  server: string;
  tool: string;
  /** The arguments the model wants to send, as JSON. */
  arguments: string;
  decide(approve: boolean): Promise<void>;
}

/** A finished remote MCP tool call (approved or needing no approval). */
export interface McpCallResult {
  approvalId: string | null;
  server: string;
  tool: string;
  output: string | null;
  error: string | null;
}

export interface VoiceCallbacks {
  onApprovalRequest(request: McpApprovalRequest): void;
  onMcpCall(result: McpCallResult): void;
  onHistory(items: RealtimeItem[]): void;
  onToolStart(call: ToolCallEvent): void;
  onToolEnd(callId: string, result: string): void;
  onEvent(event: { type: string } & Record<string, unknown>): void;
  onLevel(level: number): void;
  onSpeaking(speaking: boolean): void;
  /** The connection dropped after it was up: the page offers to reconnect. */
  onDisconnected(): void;
  onError(error: VoiceError): void;
}

export interface VoiceOptions {
  transport: TransportKind;
  settings: Pick<AssistantSettings, "model" | "instructions" | "enabledTools" | "turnDetection"> & { session: BrowserSession };
  voice?: RealtimeTokenRequest["voice"];
  /** Where a WebSocket client connects with its `ek_` secret (from the server's OPENAI_BASE_URL). */
  webSocketUrl: string;
  callbacks: VoiceCallbacks;
}

export interface VoiceController {
  callId?: string;
  /** When the server hangs up (Date.now() clock), for calls through the relay. */
  endsAt?: number;
  sendMessage(text: string): void;
  interrupt(): void;
  setMuted(muted: boolean): void;
  /** Push-to-talk: open the mic while held; on release commit the turn and ask for a reply. */
  talk(held: boolean): void;
  /** Debugging (the event log): sends one client event as it is. The server's sideband still puts back any change to the policy. */
  sendRawEvent(event: { type: string } & Record<string, unknown>): void;
  stop(): Promise<void>;
}

/**
 * The policy's session fields for the SDK's session.update, with the member's voice. Over WebSocket
 * the page itself captures and plays PCM16, so that is the format there whatever SDK clients use.
 */
function providerData({ settings, voice, transport }: VoiceOptions): BrowserSession {
  const { audio } = settings.session;
  const pcm = { type: "audio/pcm", rate: 24000 } as const;
  return {
    ...settings.session,
    audio: {
      input: { ...audio.input, ...(transport === "websocket" ? { format: pcm } : {}) },
      output: { ...audio.output, voice: voice ?? audio.output.voice, ...(transport === "websocket" ? { format: pcm } : {}) },
    },
  };
}

export async function startVoice(options: VoiceOptions): Promise<VoiceController> {
  const { callbacks, settings } = options;
  const pushToTalk = settings.turnDetection === "none";
  const stream = await openMicrophone();
  const mic = new MicCapture(stream, callbacks.onLevel);
  const player = options.transport === "websocket" ? new PcmPlayer() : undefined;
  let muted = false;
  let holding = false;
  const micOpen = () => !muted && (!pushToTalk || holding);

  const transport =
    options.transport === "webrtc"
      ? new OpenAIRealtimeWebRTC({ mediaStream: stream })
      : new OpenAIRealtimeWebSocket({ url: options.webSocketUrl });
  const agent = new RealtimeAgent({
    name: "OpenCTO assistant",
    instructions: settings.instructions,
    tools: assistantTools(settings.enabledTools),
  });
  const session = new RealtimeSession(agent, { transport, model: settings.model, config: { providerData: providerData(options) } });

  session.on("history_updated", (items) => callbacks.onHistory(items));
  session.on("agent_tool_start", (_ctx, _agent, tool, { toolCall }) => {
    const callId = "callId" in toolCall ? String(toolCall.callId) : crypto.randomUUID();
    callbacks.onToolStart({
      callId,
      name: tool.name,
      arguments: "arguments" in toolCall ? String(toolCall.arguments) : "",
      startedAt: Date.now(),
    });
  });
  session.on("agent_tool_end", (_ctx, _agent, _tool, result, { toolCall }) => {
    if ("callId" in toolCall) callbacks.onToolEnd(String(toolCall.callId), result);
  });
  session.on("tool_approval_requested", (_ctx, _agent, request) => {
    if (request.type !== "mcp_approval_request") return;
    const approval = request.approvalItem;
    const raw = approval.rawItem as { name?: string; arguments?: string; providerData?: { itemId?: string; serverLabel?: string } };
    callbacks.onApprovalRequest({
      id: raw.providerData?.itemId ?? crypto.randomUUID(),
      server: raw.providerData?.serverLabel ?? "",
      tool: raw.name ?? "",
      arguments: raw.arguments ?? "{}",
      decide: (approve) => (approve ? session.approve(approval) : session.reject(approval)),
    });
  });
  session.on("transport_event", (event) => {
    callbacks.onEvent(event as { type: string } & Record<string, unknown>);
    const item = (event as { item?: Record<string, unknown> }).item;
    if (event.type === "response.output_item.done" && item?.type === "mcp_call")
      callbacks.onMcpCall({
        approvalId: typeof item.approval_request_id === "string" ? item.approval_request_id : null,
        server: String(item.server_label ?? ""),
        tool: String(item.name ?? ""),
        output: typeof item.output === "string" ? item.output : null,
        error: item.error ? String((item.error as { message?: unknown }).message ?? "The tool failed.") : null,
      });
    if (event.type === "output_audio_buffer.started") callbacks.onSpeaking(true);
    if (event.type === "output_audio_buffer.stopped" || event.type === "output_audio_buffer.cleared") callbacks.onSpeaking(false);
  });
  session.on("audio", (event) => {
    callbacks.onSpeaking(true);
    player?.play(event.data, () => callbacks.onSpeaking(false));
  });
  session.on("audio_interrupted", () => {
    player?.stop();
    callbacks.onSpeaking(false);
  });
  session.on("error", ({ error }) => callbacks.onError(toVoiceError(error)));

  let endsAt: number | undefined;
  try {
    if (options.transport === "webrtc") {
      const { ticket, maxCallSeconds } = await issueRealtimeTicket();
      // Counted from before the offer is sent, so the countdown never ends after the server's.
      endsAt = Date.now() + maxCallSeconds * 1000;
      const relay = new URL(apiPaths.realtimeCalls, window.location.origin);
      if (options.voice) relay.searchParams.set("voice", options.voice);
      await session.connect({ apiKey: ticket, url: relay.toString() });
    } else {
      const { clientSecret } = await mintRealtimeToken({ voice: options.voice });
      await session.connect({ apiKey: clientSecret });
      mic.onPcm((pcm) => {
        if (micOpen()) session.sendAudio(pcm);
      });
    }
  } catch (error) {
    mic.close();
    player?.close();
    session.close();
    throw toVoiceError(error);
  }

  let stopped = false;
  transport.on("connection_change", (status) => {
    if (status === "disconnected" && !stopped) callbacks.onDisconnected();
  });
  const applyMic = () => {
    if (options.transport === "webrtc") session.mute(!micOpen());
  };
  applyMic();

  return {
    callId: transport instanceof OpenAIRealtimeWebRTC ? transport.callId : undefined,
    endsAt,
    sendMessage: (text) => session.sendMessage(text),
    interrupt: () => {
      session.interrupt();
      player?.stop();
    },
    setMuted(value) {
      muted = value;
      applyMic();
    },
    talk(held) {
      if (!pushToTalk || held === holding) return;
      holding = held;
      if (held) {
        session.interrupt();
        transport.sendEvent({ type: "input_audio_buffer.clear" });
      }
      applyMic();
      if (!held) {
        transport.sendEvent({ type: "input_audio_buffer.commit" });
        transport.sendEvent({ type: "response.create" });
      }
    },
    sendRawEvent: (event) => transport.sendEvent(event),
    async stop() {
      stopped = true;
      const callId = transport instanceof OpenAIRealtimeWebRTC ? transport.callId : undefined;
      session.close();
      mic.close();
      player?.close();
      // Ends the call upstream too; the browser closing its peer connection alone would leave it to time out.
      if (callId) await hangUpCall(callId).catch(() => undefined);
    },
  };
}

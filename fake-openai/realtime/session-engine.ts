import { randomId, sleep } from "../http-util";
import { isRealtimeModel } from "../models";
import { wordDeltas } from "../rest/chat";
import { base64ToPcm16, decodeMuLaw, EnergyVad, OUTPUT_RATE, pcm16ToBase64, speechDurationMs, synthesizeSpeech } from "./audio";
import { argumentsFor, type ConversationTurn, decide } from "./brain";
import { callMcpTool, isMcpTool, type ListedTool, listMcpTools, type McpToolConfig, mcpArguments, needsApproval, pickMcpTool } from "./mcp";
import { mergeSessionConfig, type RealtimeSessionConfig, sessionObject, VOICES } from "./session-config";

export type ServerEvent = { type: string } & Record<string, unknown>;
type ClientEvent = { type?: unknown; event_id?: unknown } & Record<string, unknown>;

/** Where reply audio goes when it does not travel as events (the WebRTC media track). */
export interface AudioOutput {
  play(responseId: string, itemId: string, samples: Int16Array): void;
  clear(): void;
}

export interface EngineOptions {
  config: RealtimeSessionConfig;
  sessionId?: string;
  transcript: () => string;
  audioOutput?: AudioOutput;
}

interface Item {
  id: string;
  type:
    | "message"
    | "function_call"
    | "function_call_output"
    | "mcp_list_tools"
    | "mcp_approval_request"
    | "mcp_approval_response"
    | "mcp_call";
  status?: "completed" | "in_progress" | "incomplete";
  role?: "user" | "assistant" | "system";
  content?: Array<Record<string, unknown>>;
  call_id?: string;
  name?: string;
  arguments?: string;
  output?: string | null;
  server_label?: string;
  tools?: ListedTool[];
  approval_request_id?: string | null;
  approve?: boolean;
  reason?: string | null;
  error?: Record<string, unknown> | null;
  /** Length of the assistant audio, for truncation. */
  audioMs?: number;
}

interface ActiveResponse {
  id: string;
  cancelled: boolean;
  cancelReason?: string;
}

/** Pause between streamed deltas: long enough for a client to interrupt, short enough for fast tests. */
const STEP_MS = 15;
const AUDIO_CHUNK_MS = 100;
const MIN_COMMIT_MS = 100;

const tokens = (text: string) => Math.ceil(text.length / 4);

/**
 * One Realtime session: conversation state, the scripted brain and the event protocol.
 * Transports (WebSocket, WebRTC data channel, sideband) subscribe to its events and feed it client events.
 */
export class SessionEngine {
  readonly sessionId: string;
  config: RealtimeSessionConfig;
  private readonly listeners = new Set<(event: ServerEvent) => void>();
  private readonly items: Item[] = [];
  private active: ActiveResponse | undefined;
  private closed = false;
  private bufferedMs = 0;
  private speechItemId: string | undefined;
  private readonly vad: EnergyVad;
  private readonly conversationId = randomId("conv_", 20);
  private readonly expiresAt = Math.floor(Date.now() / 1000) + 3600;
  /** Remote MCP servers' tools by server_label, as tools/list returned them (listed once per label). */
  private readonly mcpListed = new Map<string, ListedTool[]>();
  /** A client is attached (WebSocket opened, data channel open, SIP call accepted): tools/list may run. */
  private live = false;

  constructor(private readonly opts: EngineOptions) {
    this.sessionId = opts.sessionId ?? randomId("sess_", 20);
    this.config = opts.config;
    this.vad = new EnergyVad({
      onSpeechStarted: (ms) => this.onSpeechStarted(ms),
      onSpeechStopped: (ms) => this.onSpeechStopped(ms),
    });
  }

  subscribe(listener: (event: ServerEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: ServerEvent) {
    if (this.closed) return;
    const full = { event_id: randomId("event_", 20), ...event };
    for (const listener of this.listeners) listener(full);
  }

  sessionCreatedEvent(): ServerEvent {
    return {
      event_id: randomId("event_", 20),
      type: "session.created",
      session: sessionObject(this.sessionId, this.config, this.expiresAt),
    };
  }

  start() {
    this.emit(this.sessionCreatedEvent());
    this.goLive();
  }

  /** The session's first client is there: MCP servers are listed now, so that it sees it happen. */
  goLive() {
    this.live = true;
    this.listNewMcpServers();
  }

  close() {
    if (this.active) this.active.cancelled = true;
    this.closed = true;
    this.listeners.clear();
  }

  private error(message: string, code: string, clientEventId: unknown, param: string | null = null) {
    this.emit({
      type: "error",
      error: {
        type: "invalid_request_error",
        code,
        message,
        param,
        event_id: typeof clientEventId === "string" ? clientEventId : null,
      },
    });
  }

  private get previousItemId(): string | null {
    return this.items.at(-1)?.id ?? null;
  }

  handleMessage(raw: string) {
    let event: ClientEvent;
    try {
      event = JSON.parse(raw) as ClientEvent;
    } catch {
      this.error("The server could not parse the event as JSON.", "invalid_json", null);
      return;
    }
    this.handleEvent(event);
  }

  handleEvent(event: ClientEvent) {
    const id = event.event_id;
    switch (event.type) {
      case "session.update":
        return this.updateSession(event.session, id);
      case "input_audio_buffer.append":
        return this.appendBase64(event.audio, id);
      case "input_audio_buffer.commit":
        return this.commit(id);
      case "input_audio_buffer.clear":
        this.bufferedMs = 0;
        this.vad.reset();
        this.speechItemId = undefined;
        return this.emit({ type: "input_audio_buffer.cleared" });
      case "conversation.item.create":
        return this.createItem(event.item, id);
      case "conversation.item.retrieve":
        return this.retrieveItem(event.item_id, id);
      case "conversation.item.delete":
        return this.deleteItem(event.item_id, id);
      case "conversation.item.truncate":
        return this.truncateItem(event, id);
      case "response.create":
        if (this.config.type === "transcription")
          return this.error("Responses are not supported in transcription sessions.", "invalid_value", id, "type");
        void this.runResponse(id, event.response as Record<string, unknown> | undefined);
        return;
      case "response.cancel":
        if (!this.active || this.active.cancelled) {
          return this.error("Cancellation failed: no active response found", "response_cancel_not_active", id);
        }
        this.active.cancelled = true;
        this.active.cancelReason = "client_cancelled";
        return;
      case "output_audio_buffer.clear":
        if (!this.opts.audioOutput) {
          return this.error("output_audio_buffer.clear is only supported for WebRTC and SIP sessions.", "invalid_value", id, "type");
        }
        this.opts.audioOutput.clear();
        return this.emit({ type: "output_audio_buffer.cleared", response_id: this.active?.id ?? null });
      default:
        return this.error(`Invalid value: '${String(event.type)}'. Unknown client event type.`, "invalid_value", id, "type");
    }
  }

  private updateSession(session: unknown, clientEventId: unknown) {
    if (typeof session !== "object" || session === null) {
      return this.error("Missing required parameter: 'session'.", "missing_required_parameter", clientEventId, "session");
    }
    const patch = session as Record<string, unknown>;
    if (patch.type !== undefined && patch.type !== this.config.type) {
      return this.error(
        `Invalid value: '${String(patch.type)}'. Supported values are: '${this.config.type}' (a session keeps its type).`,
        "invalid_value",
        clientEventId,
        "session.type",
      );
    }
    if (patch.model !== undefined && (typeof patch.model !== "string" || !isRealtimeModel(patch.model))) {
      return this.error(`Invalid value: '${String(patch.model)}'.`, "invalid_value", clientEventId, "session.model");
    }
    const voice = (patch.audio as { output?: { voice?: unknown } } | undefined)?.output?.voice;
    if (voice !== undefined && voice !== null && (typeof voice !== "string" || !VOICES.includes(voice))) {
      return this.error(`Invalid value: '${String(voice)}'.`, "invalid_value", clientEventId, "session.audio.output.voice");
    }
    this.config = mergeSessionConfig(this.config, patch);
    this.emit({ type: "session.updated", session: sessionObject(this.sessionId, this.config, this.expiresAt) });
    this.listNewMcpServers();
  }

  /** Applies a session config from outside the event stream (e.g. /calls/{id}/accept). */
  applySession(patch: Record<string, unknown>) {
    this.config = mergeSessionConfig(this.config, patch);
    this.emit({ type: "session.updated", session: sessionObject(this.sessionId, this.config, this.expiresAt) });
    this.goLive();
  }

  private mcpTool(label: string | undefined): McpToolConfig | undefined {
    return this.config.tools.filter(isMcpTool).find((t) => t.server_label === label);
  }

  /** The listed tools of the MCP servers the session has now. */
  private currentMcpTools() {
    const labels = new Set(this.config.tools.filter(isMcpTool).map((t) => t.server_label));
    return new Map([...this.mcpListed].filter(([label]) => labels.has(label)));
  }

  /** tools/list on each MCP server the session gained: an mcp_list_tools item and its events. */
  private listNewMcpServers() {
    if (!this.live) return;
    for (const tool of this.config.tools.filter(isMcpTool)) {
      if (this.mcpListed.has(tool.server_label)) continue;
      this.mcpListed.set(tool.server_label, []);
      const item: Item = { id: randomId("item_", 20), type: "mcp_list_tools", server_label: tool.server_label, tools: [] };
      const previous = this.previousItemId;
      this.items.push(item);
      this.emit({ type: "mcp_list_tools.in_progress", item_id: item.id });
      this.emit({ type: "conversation.item.added", previous_item_id: previous, item: this.wireItem(item) });
      void listMcpTools(tool).then(
        (tools) => {
          item.tools = tools;
          this.mcpListed.set(tool.server_label, tools);
          this.emit({ type: "mcp_list_tools.completed", item_id: item.id });
          this.emit({ type: "conversation.item.done", previous_item_id: previous, item: this.wireItem(item) });
        },
        () => {
          this.emit({ type: "mcp_list_tools.failed", item_id: item.id });
          this.emit({ type: "conversation.item.done", previous_item_id: previous, item: this.wireItem(item) });
        },
      );
    }
  }

  private appendBase64(audio: unknown, clientEventId: unknown) {
    if (typeof audio !== "string") {
      return this.error("Missing required parameter: 'audio'.", "missing_required_parameter", clientEventId, "audio");
    }
    const format = this.config.audio.input.format;
    if (format.type === "audio/pcm") this.appendAudio(base64ToPcm16(audio), format.rate ?? OUTPUT_RATE);
    else this.appendAudio(decodeMuLaw(Buffer.from(audio, "base64")), 8000);
  }

  /** Raw input audio from any carrier (decoded RTP or input_audio_buffer.append). */
  appendAudio(samples: Int16Array, rate: number) {
    if (this.closed) return;
    this.bufferedMs += (samples.length / rate) * 1000;
    if (this.config.audio.input.turn_detection) this.vad.push(samples, rate);
  }

  private onSpeechStarted(audioStartMs: number) {
    this.speechItemId = randomId("item_", 20);
    this.emit({ type: "input_audio_buffer.speech_started", audio_start_ms: audioStartMs, item_id: this.speechItemId });
    if (this.config.audio.input.turn_detection?.interrupt_response !== false && this.active && !this.active.cancelled) {
      this.active.cancelled = true;
      this.active.cancelReason = "turn_detected";
      this.opts.audioOutput?.clear();
    }
  }

  private onSpeechStopped(audioEndMs: number) {
    const itemId = this.speechItemId ?? randomId("item_", 20);
    this.emit({ type: "input_audio_buffer.speech_stopped", audio_end_ms: audioEndMs, item_id: itemId });
    this.commitAudioItem(itemId);
    if (this.config.type === "transcription") return;
    if (this.config.audio.input.turn_detection?.create_response !== false) void this.runResponse(undefined, undefined);
  }

  private commit(clientEventId: unknown) {
    if (this.bufferedMs < MIN_COMMIT_MS) {
      return this.error(
        `Error committing input audio buffer: buffer too small. Expected at least ${MIN_COMMIT_MS}ms of audio, but buffer only has ${this.bufferedMs.toFixed(2)}ms of audio.`,
        "input_audio_buffer_commit_empty",
        clientEventId,
      );
    }
    this.commitAudioItem(this.speechItemId ?? randomId("item_", 20));
  }

  private commitAudioItem(itemId: string) {
    const previous = this.previousItemId;
    this.bufferedMs = 0;
    this.speechItemId = undefined;
    const item: Item = {
      id: itemId,
      type: "message",
      role: "user",
      status: "completed",
      content: [{ type: "input_audio", transcript: null }],
    };
    this.emit({ type: "input_audio_buffer.committed", previous_item_id: previous, item_id: itemId });
    this.items.push(item);
    this.emit({ type: "conversation.item.added", previous_item_id: previous, item: this.wireItem(item) });
    this.emit({ type: "conversation.item.done", previous_item_id: previous, item: this.wireItem(item) });
    const transcript = this.opts.transcript();
    item.content = [{ type: "input_audio", transcript }];
    if (this.config.audio.input.transcription) {
      this.emit({ type: "conversation.item.input_audio_transcription.delta", item_id: itemId, content_index: 0, delta: transcript });
      this.emit({
        type: "conversation.item.input_audio_transcription.completed",
        item_id: itemId,
        content_index: 0,
        transcript,
        usage: { type: "duration", seconds: 2 },
      });
    }
  }

  private wireItem(item: Item): Record<string, unknown> {
    const { audioMs: _audioMs, ...wire } = item;
    return { object: "realtime.item", ...wire };
  }

  /** An mcp_approval_response: approved, the tool is called in a response of its own. */
  private answerApproval(input: Partial<Item>, clientEventId: unknown): boolean {
    const request = this.items.find((i) => i.type === "mcp_approval_request" && i.id === input.approval_request_id);
    if (!request) {
      this.error(
        `Approval request ID '${String(input.approval_request_id)}' not found in conversation.`,
        "invalid_value",
        clientEventId,
        "item.approval_request_id",
      );
      return false;
    }
    if (typeof input.approve !== "boolean") {
      this.error("Missing required parameter: 'item.approve'.", "missing_required_parameter", clientEventId, "item.approve");
      return false;
    }
    if (this.items.some((i) => i.type === "mcp_approval_response" && i.approval_request_id === request.id)) {
      this.error(`Approval request '${request.id}' was already answered.`, "invalid_value", clientEventId, "item.approval_request_id");
      return false;
    }
    if (input.approve) queueMicrotask(() => void this.runResponse(undefined, undefined, request));
    return true;
  }

  private createItem(raw: unknown, clientEventId: unknown) {
    const input = raw as Partial<Item> | undefined;
    if (!input || typeof input !== "object") {
      return this.error("Missing required parameter: 'item'.", "missing_required_parameter", clientEventId, "item");
    }
    if (
      input.type !== "message" &&
      input.type !== "function_call_output" &&
      input.type !== "function_call" &&
      input.type !== "mcp_approval_response"
    ) {
      return this.error(`Invalid value: '${String(input.type)}'.`, "invalid_value", clientEventId, "item.type");
    }
    if (input.type === "function_call_output" && !this.items.some((i) => i.call_id === input.call_id && i.type === "function_call")) {
      return this.error(
        `Tool call ID '${String(input.call_id)}' not found in conversation.`,
        "invalid_tool_call_id",
        clientEventId,
        "item.call_id",
      );
    }
    if (input.id && this.items.some((i) => i.id === input.id)) {
      return this.error(`Item with id '${input.id}' already exists.`, "item_already_exists", clientEventId, "item.id");
    }
    if (input.type === "mcp_approval_response" && !this.answerApproval(input, clientEventId)) return;
    const previous = this.previousItemId;
    const item: Item =
      input.type === "mcp_approval_response"
        ? {
            id: input.id ?? randomId("item_", 20),
            type: input.type,
            approval_request_id: input.approval_request_id,
            approve: input.approve,
            reason: input.reason ?? null,
          }
        : { ...input, id: input.id ?? randomId("item_", 20), type: input.type, status: "completed" };
    this.items.push(item);
    this.emit({ type: "conversation.item.added", previous_item_id: previous, item: this.wireItem(item) });
    this.emit({ type: "conversation.item.done", previous_item_id: previous, item: this.wireItem(item) });
  }

  private retrieveItem(itemId: unknown, clientEventId: unknown) {
    const item = this.items.find((i) => i.id === itemId);
    if (!item) {
      return this.error(
        `Error retrieving item: the item with id '${String(itemId)}' does not exist.`,
        "item_retrieve_invalid_item_id",
        clientEventId,
        "item_id",
      );
    }
    this.emit({ type: "conversation.item.retrieved", item: this.wireItem(item) });
  }

  private deleteItem(itemId: unknown, clientEventId: unknown) {
    const index = this.items.findIndex((i) => i.id === itemId);
    if (index < 0) {
      return this.error(
        `Error deleting item: the item with id '${String(itemId)}' does not exist.`,
        "item_delete_invalid_item_id",
        clientEventId,
        "item_id",
      );
    }
    this.items.splice(index, 1);
    this.emit({ type: "conversation.item.deleted", item_id: itemId });
  }

  private truncateItem(event: ClientEvent, clientEventId: unknown) {
    const item = this.items.find((i) => i.id === event.item_id);
    const audioEndMs = Number(event.audio_end_ms);
    if (item?.role !== "assistant" || item.audioMs === undefined) {
      return this.error(
        `Error truncating item: the item with id '${String(event.item_id)}' does not exist or has no audio.`,
        "item_truncate_invalid_item_id",
        clientEventId,
        "item_id",
      );
    }
    if (!Number.isInteger(audioEndMs) || audioEndMs < 0 || audioEndMs > item.audioMs) {
      return this.error(
        `Audio content of ${item.audioMs}ms is already shorter than ${String(event.audio_end_ms)}ms`,
        "invalid_value",
        clientEventId,
        "audio_end_ms",
      );
    }
    const part = item.content?.[0];
    if (part && typeof part.transcript === "string") {
      // The server drops transcript text the user never heard.
      const kept = Math.floor((part.transcript.length * audioEndMs) / item.audioMs);
      part.transcript = part.transcript.slice(0, kept).replace(/\s+\S*$/, "");
    }
    item.audioMs = audioEndMs;
    this.emit({
      type: "conversation.item.truncated",
      item_id: item.id,
      content_index: Number(event.content_index ?? 0),
      audio_end_ms: audioEndMs,
    });
  }

  private lastTurn(): ConversationTurn | undefined {
    const last = this.items.at(-1);
    if (!last) return undefined;
    if (last.type === "function_call_output") {
      const call = this.items.find((i) => i.type === "function_call" && i.call_id === last.call_id);
      return { kind: "tool_output", text: last.output ?? "", ...(call?.name ? { toolName: call.name } : {}) };
    }
    if (last.type === "mcp_call") return { kind: "tool_output", text: last.output ?? String(last.error?.message ?? "The tool failed.") };
    const lastUser = [...this.items].reverse().find((i) => i.type === "message" && i.role === "user");
    const text = (lastUser?.content ?? [])
      .map((c) => (typeof c.text === "string" ? c.text : typeof c.transcript === "string" ? c.transcript : ""))
      .join(" ")
      .trim();
    return { kind: "user", text };
  }

  private async runResponse(clientEventId: unknown, overrides: Record<string, unknown> | undefined, approved?: Item) {
    if (this.closed) return;
    if (this.active) {
      return this.error(
        `Conversation already has an active response in progress: ${this.active.id}. Wait until the response is finished before creating a new one.`,
        "conversation_already_has_active_response",
        clientEventId,
      );
    }
    const active: ActiveResponse = { id: randomId("resp_", 20), cancelled: false };
    this.active = active;
    const modalities = (overrides?.output_modalities as string[] | undefined) ?? this.config.output_modalities;
    const response = {
      object: "realtime.response",
      id: active.id,
      status: "in_progress",
      status_details: null,
      output: [] as Record<string, unknown>[],
      conversation_id: this.conversationId,
      output_modalities: modalities,
      max_output_tokens: this.config.max_output_tokens,
      audio: { output: { format: this.config.audio.output.format, voice: this.config.audio.output.voice } },
      usage: null as Record<string, unknown> | null,
      metadata: (overrides?.metadata as Record<string, unknown> | undefined) ?? null,
    };
    this.emit({ type: "response.created", response: { ...response } });
    const toolChoice = overrides?.tool_choice ?? this.config.tool_choice;
    const last = this.lastTurn();
    const mcp = !approved && toolChoice !== "none" && last?.kind === "user" ? pickMcpTool(last.text, this.currentMcpTools()) : undefined;
    const decision = decide(last, this.config.tools, toolChoice);
    const item = approved
      ? await this.streamMcpCall(active, approved.server_label ?? "", approved.name ?? "", approved.arguments ?? "{}", approved.id)
      : mcp
        ? await this.startMcpCall(active, mcp.server, mcp.tool, last?.text ?? "")
        : decision.kind === "tool"
          ? await this.streamFunctionCall(active, decision.name, decision.arguments)
          : await this.streamMessage(active, decision.text, modalities.includes("audio"));
    if (this.closed) return;
    this.active = undefined;
    const outputText = (item.content?.[0]?.transcript ?? item.content?.[0]?.text ?? item.arguments ?? "") as string;
    const inputText = this.config.instructions + this.items.map((i) => JSON.stringify(i.content ?? i.output ?? "")).join("");
    const inputAudio = this.items.filter((i) => i.content?.[0]?.type === "input_audio").length * 40;
    const outputAudio = Math.round((item.audioMs ?? 0) / 50);
    const inputTokens = tokens(inputText) + inputAudio;
    const outputTokens = tokens(outputText) + outputAudio;
    response.status = active.cancelled ? "cancelled" : "completed";
    response.status_details = active.cancelled ? ({ type: "cancelled", reason: active.cancelReason ?? "client_cancelled" } as never) : null;
    response.output = [this.wireItem(item)];
    response.usage = {
      total_tokens: inputTokens + outputTokens,
      input_tokens: inputTokens,
      output_tokens: outputTokens,
      input_token_details: {
        text_tokens: tokens(inputText),
        audio_tokens: inputAudio,
        image_tokens: 0,
        cached_tokens: 0,
        cached_tokens_details: { text_tokens: 0, audio_tokens: 0, image_tokens: 0 },
      },
      output_token_details: { text_tokens: tokens(outputText), audio_tokens: outputAudio },
    };
    this.emit({ type: "response.done", response });
    this.emit({
      type: "rate_limits.updated",
      rate_limits: [
        { name: "requests", limit: 5000, remaining: 4999, reset_seconds: 0.012 },
        { name: "tokens", limit: 800000, remaining: 800000 - inputTokens - outputTokens, reset_seconds: 0.3 },
      ],
    });
  }

  private addOutputItem(active: ActiveResponse, item: Item) {
    const previous = this.previousItemId;
    this.items.push(item);
    this.emit({ type: "response.output_item.added", response_id: active.id, output_index: 0, item: this.wireItem(item) });
    this.emit({ type: "conversation.item.added", previous_item_id: previous, item: this.wireItem(item) });
    return previous;
  }

  private finishOutputItem(active: ActiveResponse, item: Item, previous: string | null) {
    this.emit({ type: "response.output_item.done", response_id: active.id, output_index: 0, item: this.wireItem(item) });
    this.emit({ type: "conversation.item.done", previous_item_id: previous, item: this.wireItem(item) });
  }

  private async streamFunctionCall(active: ActiveResponse, name: string, args: string): Promise<Item> {
    const item: Item = {
      id: randomId("item_", 20),
      type: "function_call",
      status: "in_progress",
      name,
      call_id: randomId("call_", 16),
      arguments: "",
    };
    const previous = this.addOutputItem(active, item);
    const ids = { response_id: active.id, item_id: item.id, output_index: 0, call_id: item.call_id };
    await sleep(STEP_MS);
    this.emit({ type: "response.function_call_arguments.delta", ...ids, delta: args });
    this.emit({ type: "response.function_call_arguments.done", ...ids, name, arguments: args });
    item.arguments = args;
    item.status = active.cancelled ? "incomplete" : "completed";
    this.finishOutputItem(active, item, previous);
    return item;
  }

  /** The model wants an MCP tool: an approval request when the server's policy asks for one, else the call. */
  private async startMcpCall(active: ActiveResponse, server: string, tool: ListedTool, said: string): Promise<Item> {
    const args = JSON.stringify(mcpArguments(tool.input_schema, said, argumentsFor(tool.input_schema)));
    const config = this.mcpTool(server);
    if (!config || !needsApproval(config, tool.name)) return this.streamMcpCall(active, server, tool.name, args, null);
    const item: Item = { id: randomId("item_", 20), type: "mcp_approval_request", server_label: server, name: tool.name, arguments: args };
    const previous = this.addOutputItem(active, item);
    await sleep(STEP_MS);
    this.finishOutputItem(active, item, previous);
    return item;
  }

  private async streamMcpCall(
    active: ActiveResponse,
    server: string,
    name: string,
    args: string,
    approvalId: string | null,
  ): Promise<Item> {
    const item: Item = {
      id: randomId("item_", 20),
      type: "mcp_call",
      server_label: server,
      name,
      arguments: "",
      approval_request_id: approvalId,
      output: null,
      error: null,
    };
    const previous = this.addOutputItem(active, item);
    const ids = { response_id: active.id, item_id: item.id, output_index: 0 };
    await sleep(STEP_MS);
    this.emit({ type: "response.mcp_call_arguments.delta", ...ids, delta: args });
    this.emit({ type: "response.mcp_call_arguments.done", ...ids, arguments: args });
    item.arguments = args;
    this.emit({ type: "response.mcp_call.in_progress", item_id: item.id, output_index: 0 });
    const config = this.mcpTool(server);
    const result = config
      ? await callMcpTool(config, name, args)
      : { output: null, error: { type: "protocol_error", code: -32602, message: `Unknown MCP server '${server}'.` } };
    item.output = result.output;
    item.error = result.error;
    this.emit({ type: result.error ? "response.mcp_call.failed" : "response.mcp_call.completed", item_id: item.id, output_index: 0 });
    this.finishOutputItem(active, item, previous);
    return item;
  }

  private async streamMessage(active: ActiveResponse, text: string, withAudio: boolean): Promise<Item> {
    const item: Item = { id: randomId("item_", 20), type: "message", role: "assistant", status: "in_progress", content: [] };
    const previous = this.addOutputItem(active, item);
    const ids = { response_id: active.id, item_id: item.id, output_index: 0, content_index: 0 };
    const partType = withAudio ? "audio" : "text";
    this.emit({ type: "response.content_part.added", ...ids, part: { type: partType, [withAudio ? "transcript" : "text"]: "" } });

    const words = wordDeltas(text);
    const audio = withAudio ? synthesizeSpeech(speechDurationMs(text)) : new Int16Array(0);
    const chunkSamples = (OUTPUT_RATE * AUDIO_CHUNK_MS) / 1000;
    const chunks = Math.ceil(audio.length / chunkSamples);
    let sentText = "";
    let sentSamples = 0;
    if (withAudio) item.audioMs = 0;
    for (let step = 0; step < Math.max(words.length, chunks); step++) {
      await sleep(STEP_MS);
      if (active.cancelled || this.closed) break;
      const word = words[step];
      if (word !== undefined) {
        sentText += word;
        const deltaType = withAudio ? "response.output_audio_transcript.delta" : "response.output_text.delta";
        this.emit({ type: deltaType, ...ids, delta: word });
      }
      if (step < chunks) {
        const chunk = audio.subarray(step * chunkSamples, (step + 1) * chunkSamples);
        sentSamples += chunk.length;
        item.audioMs = Math.round((sentSamples / OUTPUT_RATE) * 1000);
        if (this.opts.audioOutput) this.opts.audioOutput.play(active.id, item.id, chunk);
        else this.emit({ type: "response.output_audio.delta", ...ids, delta: pcm16ToBase64(chunk) });
      }
    }
    const final = sentText.trimEnd();
    if (withAudio) {
      this.emit({ type: "response.output_audio.done", ...ids });
      this.emit({ type: "response.output_audio_transcript.done", ...ids, transcript: final });
      item.content = [{ type: "output_audio", transcript: final }];
    } else {
      this.emit({ type: "response.output_text.done", ...ids, text: final });
      item.content = [{ type: "output_text", text: final }];
    }
    this.emit({ type: "response.content_part.done", ...ids, part: { type: partType, [withAudio ? "transcript" : "text"]: final } });
    item.status = active.cancelled ? "incomplete" : "completed";
    this.finishOutputItem(active, item, previous);
    return item;
  }
}

import { RealtimeAgent, RealtimeSession, type RealtimeItem, tool } from "@openai/agents/realtime";
import OpenAI from "openai";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { type FakeOpenAI, startFakeOpenAI } from "./index";
import { synthesizeSpeech } from "./realtime/audio";

let fake: FakeOpenAI;
const sessions: RealtimeSession[] = [];
beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterEach(() => {
  for (const s of sessions.splice(0)) s.close();
});
afterAll(() => fake.close());

const KEY = "sk-proj-realtime-1234";
const MODEL_IDS = ["gpt-realtime", "gpt-4o-mini"];

const listModels = tool({
  name: "list_openai_models",
  description: "Lists the OpenAI models available to the workspace.",
  parameters: { type: "object", properties: {}, required: [], additionalProperties: false },
  strict: true,
  execute: async () => JSON.stringify({ data: MODEL_IDS.map((id) => ({ id, object: "model" })) }),
});

const getUsage = tool({
  name: "get_openai_usage",
  description: "Organisation usage for a date range.",
  parameters: {
    type: "object",
    properties: { start: { type: "string" }, end: { type: "string" } },
    required: ["start", "end"],
    additionalProperties: false,
  },
  strict: true,
  execute: async (input) => JSON.stringify({ received: input }),
});

async function connect(tools = [listModels, getUsage]) {
  const agent = new RealtimeAgent({ name: "Assistant", instructions: "Answer briefly.", tools });
  const session = new RealtimeSession(agent, { transport: "websocket", model: "gpt-realtime" });
  const events: Array<{ type: string } & Record<string, unknown>> = [];
  session.on("transport_event", (event) => events.push(event as never));
  sessions.push(session);
  await session.connect({ apiKey: KEY, url: `${fake.url.replace("http", "ws")}/v1/realtime?model=gpt-realtime` });
  return { session, events };
}

async function waitFor<T>(check: () => T | undefined | false, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 20));
  }
}

const assistantText = (history: RealtimeItem[]) =>
  history
    .flatMap((item) => (item.type === "message" && item.role === "assistant" ? item.content : []))
    .map((c) => ("transcript" in c ? (c.transcript ?? "") : "text" in c ? c.text : ""));

describe("Agents SDK over WebSocket", () => {
  it("connects, gets session.updated, and completes a text turn with audio", async () => {
    const { session, events } = await connect();
    session.sendMessage("hello there");
    const reply = await waitFor(() => assistantText(session.history).find((t) => t.includes("hello there")));
    expect(reply).toBe("You said: hello there");
    await waitFor(() => events.some((e) => e.type === "response.done"));
    const types = events.map((e) => e.type);
    expect(types[0]).toBe("session.created");
    expect(types).toContain("session.updated");
    expect(types).toContain("response.output_audio.delta");
    expect(types.indexOf("response.created")).toBeLessThan(types.indexOf("response.output_audio_transcript.delta"));
    expect(events.every((e) => typeof e.event_id === "string")).toBe(true);
    const done = events.find((e) => e.type === "response.done") as unknown as {
      response: { status: string; usage: { total_tokens: number } };
    };
    expect(done.response.status).toBe("completed");
    expect(done.response.usage.total_tokens).toBeGreaterThan(0);
    expect(session.usage.totalTokens).toBeGreaterThan(0);
  });

  it("calls a declared tool and speaks its output", async () => {
    const { session } = await connect();
    const toolEnds: string[] = [];
    session.on("agent_tool_end", (_ctx, _agent, t, result) => toolEnds.push(`${t.name}:${result}`));
    session.sendMessage("which models do we have?");
    const reply = await waitFor(() => assistantText(session.history).find((t) => t.includes("gpt-realtime")));
    expect(reply).toBe("Here is what I found: gpt-realtime.");
    expect(toolEnds[0]).toMatch(/^list_openai_models:/);
    const call = session.history.find((i) => i.type === "function_call");
    expect(call).toMatchObject({ name: "list_openai_models", arguments: "{}", status: "completed" });
  });

  it("fills required arguments; dates are the last 7 days", async () => {
    const { session } = await connect();
    session.sendMessage("show me the usage");
    await waitFor(() => session.history.some((i) => i.type === "function_call" && i.status === "completed"));
    const call = session.history.find((i) => i.type === "function_call");
    const args = JSON.parse(call?.type === "function_call" ? call.arguments : "{}");
    const today = new Date().toISOString().slice(0, 10);
    const weekAgo = new Date(Date.now() - 7 * 86400_000).toISOString().slice(0, 10);
    expect(args).toEqual({ start: weekAgo, end: today });
  });

  it("does not call tools that are not declared", async () => {
    const { session } = await connect([]);
    session.sendMessage("which models do we have?");
    const reply = await waitFor(() => assistantText(session.history).find((t) => t.startsWith("You said")));
    expect(reply).toBe("You said: which models do we have?");
  });

  it("interrupts: cancel + truncate give a cancelled response.done and conversation.item.truncated", async () => {
    const { session, events } = await connect();
    let interrupted = 0;
    session.on("audio_interrupted", () => interrupted++);
    session.sendMessage("tell me a long story about the sea and the wind and the boats that sail the seven seas");
    await waitFor(() => events.some((e) => e.type === "response.output_audio.delta"));
    session.interrupt();
    const done = await waitFor(() => events.find((e) => e.type === "response.done"));
    expect((done as unknown as { response: { status: string } }).response.status).toBe("cancelled");
    await waitFor(() => events.some((e) => e.type === "conversation.item.truncated"));
    expect(interrupted).toBe(1);
    expect(events.some((e) => e.type === "conversation.item.retrieved")).toBe(true);
    session.sendMessage("are you still there");
    await waitFor(() => assistantText(session.history).includes("You said: are you still there"));
  });

  it("detects speech in appended pcm16, transcribes it and answers with a tool call", async () => {
    const { session, events } = await connect();
    const speech = synthesizeSpeech(600);
    const silence = new Int16Array(24000);
    for (const chunk of [speech, silence]) {
      session.sendAudio(chunk.buffer.slice(chunk.byteOffset, chunk.byteOffset + chunk.byteLength) as ArrayBuffer);
    }
    const transcript = await waitFor(() => events.find((e) => e.type === "conversation.item.input_audio_transcription.completed"));
    expect(transcript.transcript).toBe("which models do we have?");
    const types = events.map((e) => e.type);
    expect(types.indexOf("input_audio_buffer.speech_started")).toBeLessThan(types.indexOf("input_audio_buffer.speech_stopped"));
    expect(types.indexOf("input_audio_buffer.speech_stopped")).toBeLessThan(types.indexOf("input_audio_buffer.committed"));
    await waitFor(() => assistantText(session.history).includes("Here is what I found: gpt-realtime."));
    const user = session.history.find((i) => i.type === "message" && i.role === "user");
    expect(user).toMatchObject({ content: [{ type: "input_audio", transcript: "which models do we have?" }] });
  });
});

describe("raw WebSocket protocol", () => {
  const open = (key: string, query = "model=gpt-realtime", viaSubprotocol = false) => {
    const url = `${fake.url.replace("http", "ws")}/v1/realtime?${query}`;
    const ws = viaSubprotocol
      ? new WebSocket(url, ["realtime", `openai-insecure-api-key.${key}`, "openai-agents-sdk.test"])
      : new WebSocket(url, { headers: { authorization: `Bearer ${key}` } });
    const events: Array<Record<string, unknown>> = [];
    ws.on("message", (d) => events.push(JSON.parse(d.toString())));
    const closed = new Promise<number>((resolve) => ws.on("close", (code) => resolve(code)));
    return { ws, events, closed };
  };

  it("applies the session minted with client_secrets to an ek_ connection (subprotocol auth)", async () => {
    const openai = new OpenAI({ apiKey: KEY, baseURL: fake.baseURL });
    const secret = await openai.realtime.clientSecrets.create({
      session: {
        type: "realtime",
        model: "gpt-realtime-mini",
        instructions: "You are the workspace assistant.",
        audio: { output: { voice: "cedar" } },
        tools: [{ type: "function", name: "get_proxy_health", parameters: { type: "object", properties: {} } }],
      },
    });
    const { ws, events } = open(secret.value, "", true);
    await new Promise((r) => ws.on("open", r));
    expect(ws.protocol).toBe("realtime");
    const created = await waitFor(() => events.find((e) => e.type === "session.created"));
    expect(created.session).toMatchObject({
      model: "gpt-realtime-mini",
      instructions: "You are the workspace assistant.",
      audio: { output: { voice: "cedar" } },
      tools: [{ name: "get_proxy_health" }],
    });
    ws.send(
      JSON.stringify({
        type: "conversation.item.create",
        item: { type: "message", role: "user", content: [{ type: "input_text", text: "is the proxy health ok?" }] },
      }),
    );
    ws.send(JSON.stringify({ type: "response.create", event_id: "evt_client_1" }));
    const done = await waitFor(() => events.find((e) => e.type === "response.done"));
    expect(done.response).toMatchObject({ status: "completed", output: [{ type: "function_call", name: "get_proxy_health" }] });
    ws.close();
  });

  it("answers errors with the client event_id, e.g. a second response.create while one is active", async () => {
    const { ws, events } = open(KEY);
    await new Promise((r) => ws.on("open", r));
    ws.send(JSON.stringify({ type: "response.create", event_id: "first" }));
    ws.send(JSON.stringify({ type: "response.create", event_id: "second" }));
    const error = await waitFor(() => events.find((e) => e.type === "error"));
    expect(error.error).toMatchObject({ code: "conversation_already_has_active_response", event_id: "second" });
    ws.send(JSON.stringify({ type: "nonsense.event", event_id: "third" }));
    await waitFor(() => events.some((e) => e.type === "error" && (e.error as { event_id: string }).event_id === "third"));
    ws.close();
  });

  it.each([
    ["an expired ek_", "expired"],
    ["an unknown ek_", "unknown"],
    ["a revoked key", "revoked"],
  ])("refuses %s with an error event and close code 3000", async (_label, variant) => {
    let key = variant === "unknown" ? "ek_doesnotexist" : "sk-proj-revoked-0000";
    if (variant === "expired") {
      const secret = await new OpenAI({ apiKey: KEY, baseURL: fake.baseURL }).realtime.clientSecrets.create({
        session: { type: "realtime", model: "gpt-realtime" },
      });
      const issued = fake.state.issued.get(secret.value);
      if (issued) issued.expiresAt = 0;
      key = secret.value;
    }
    const { events, closed } = open(key);
    expect(await closed).toBe(3000);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: "error", error: { code: "invalid_api_key" } });
  });

  it("the Agents SDK surfaces a refused connection as an error and disconnects", async () => {
    const agent = new RealtimeAgent({ name: "A" });
    const session = new RealtimeSession(agent, { transport: "websocket" });
    const errors: unknown[] = [];
    session.on("error", (e) => errors.push(e));
    await session.connect({ apiKey: "ek_expired", url: `${fake.url.replace("http", "ws")}/v1/realtime` }).catch(() => undefined);
    await waitFor(() => errors.length > 0);
    expect(JSON.stringify(errors[0])).toContain("invalid_api_key");
    await waitFor(() => session.transport.status === "disconnected");
  });
});

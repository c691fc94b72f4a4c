import { createHmac } from "node:crypto";
import { randomId } from "../http-util";
import type { FakeState, LiveCall } from "../state";
import { SessionEngine, type ServerEvent } from "./session-engine";
import { defaultSessionConfig } from "./session-config";

// OpenAI's SIP side: a phone call arrives, OpenAI POSTs a signed `realtime.call.incoming`
// webhook to the project's URL and waits for /accept, /reject or /refer; an accepted call runs a
// session that a server watches over the sideband (`/v1/realtime?call_id=…`). Here a scripted
// caller asks one question once a sideband has joined (a question that needs a tool).

export type SipCallState = "ringing" | "accepted" | "rejected" | "referred" | "ended";

export interface SipCallRecord {
  id: string;
  state: SipCallState;
  from: string;
  to: string;
  statusCode?: number;
  referTo?: string;
  /** Webhook sent → /accept received, in ms. */
  acceptedAfterMs?: number;
  instructions?: string;
  voice?: string;
  tools: string[];
  /** What the conversation carried: tool calls, tool outputs and the assistant's replies. */
  toolCalls: string[];
  toolOutputs: string[];
  replies: string[];
  sidebands: number;
}

export interface IncomingCallOptions {
  url: string;
  secret: string;
  from?: string;
  to?: string;
  question?: string;
  /** Shifts webhook-timestamp (e.g. -600 for a stale one). */
  timestampOffsetSeconds?: number;
  /** Signs with another secret (a forged webhook). */
  forgeSignature?: boolean;
}

/** Standard Webhooks: v1,base64(HMAC-SHA256(base64-decoded whsec_ secret, `${id}.${timestamp}.${body}`)). */
export function signWebhook({ secret, id, timestamp, body }: { secret: string; id: string; timestamp: number; body: string }) {
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  return `v1,${createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64")}`;
}

const sipUri = (number: string) => `<sip:${number}@sip.example.test>`;

export async function placeIncomingCall(state: FakeState, opts: IncomingCallOptions) {
  const id = randomId("rtc_", 32);
  const from = opts.from ?? "+14155550123";
  const to = opts.to ?? "+18005550199";
  const question = opts.question ?? state.transcript;
  const record: SipCallRecord = { id, state: "ringing", from, to, tools: [], toolCalls: [], toolOutputs: [], replies: [], sidebands: 0 };
  state.sipCalls.set(id, record);
  const engine = new SessionEngine({ config: defaultSessionConfig("gpt-realtime"), transcript: () => question });
  const sidebandClosers = new Set<() => void>();
  let asked = false;

  engine.subscribe((event: ServerEvent) => {
    const item = event.item as
      | { type?: string; role?: string; name?: string; output?: string; content?: Array<Record<string, unknown>> }
      | undefined;
    if (event.type !== "conversation.item.done" || !item) return;
    if (item.type === "function_call" && item.name) record.toolCalls.push(item.name);
    if (item.type === "function_call_output") record.toolOutputs.push(String(item.output ?? ""));
    if (item.type === "message" && item.role === "assistant") {
      const text = item.content?.[0]?.transcript ?? item.content?.[0]?.text;
      if (typeof text === "string") record.replies.push(text);
    }
  });

  const end = (next: SipCallState) => {
    if (!state.calls.has(id)) return;
    state.calls.delete(id);
    record.state = next;
    engine.close();
    for (const close of sidebandClosers) close();
  };

  const sentAt = Date.now();
  const call: LiveCall = {
    id,
    hangup: () => end("ended"),
    control: (action, body) => {
      if (action === "reject") {
        record.statusCode = typeof body.status_code === "number" ? body.status_code : 603;
        end("rejected");
      } else if (action === "refer") {
        record.referTo = String(body.target_uri);
        end("referred");
      } else end("ended");
    },
    accept: (session) => {
      record.state = "accepted";
      record.acceptedAfterMs = Date.now() - sentAt;
      engine.applySession(session);
      record.instructions = engine.config.instructions;
      record.voice = engine.config.audio.output.voice;
      record.tools = engine.config.tools.map((t) => String(t.name));
    },
    attachSideband: (send, onClose) => {
      const unsubscribe = engine.subscribe(send);
      const close = () => {
        unsubscribe();
        onClose();
      };
      sidebandClosers.add(close);
      record.sidebands += 1;
      send(engine.sessionCreatedEvent());
      if (!asked && record.state === "accepted") {
        asked = true;
        // The caller speaks once someone is listening: their words as a transcribed audio item.
        setTimeout(() => {
          engine.handleEvent({
            type: "conversation.item.create",
            item: { type: "message", role: "user", content: [{ type: "input_audio", transcript: question }] },
          });
          engine.handleEvent({ type: "response.create" });
        }, 100);
      }
      return (raw) => engine.handleMessage(raw);
    },
  };
  state.calls.set(id, call);

  const event = {
    id: randomId("evt_", 24),
    object: "event",
    type: "realtime.call.incoming",
    created_at: Math.floor(sentAt / 1000),
    data: {
      call_id: id,
      sip_headers: [
        { name: "From", value: `"Caller" ${sipUri(from)};tag=${randomId("", 8)}` },
        { name: "To", value: sipUri(to) },
        { name: "Call-ID", value: randomId("", 16) },
        { name: "CSeq", value: "1 INVITE" },
      ],
    },
  };
  const body = JSON.stringify(event);
  const webhookId = randomId("msg_", 24);
  const timestamp = Math.floor(sentAt / 1000) + (opts.timestampOffsetSeconds ?? 0);
  const signingSecret = opts.forgeSignature ? `whsec_${Buffer.from("forged-fake-secret-0123456789").toString("base64")}` : opts.secret;
  const headers = {
    "content-type": "application/json",
    "webhook-id": webhookId,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": signWebhook({ secret: signingSecret, id: webhookId, timestamp, body }),
  };
  let delivery: { status: number; body: unknown };
  try {
    const response = await fetch(opts.url, { method: "POST", headers, body, signal: AbortSignal.timeout(15_000) });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: kept as text
    }
    delivery = { status: response.status, body: parsed };
  } catch (error) {
    delivery = { status: 0, body: String(error) };
  }
  // OpenAI gives up on a call nobody accepted; so does the fake, once the webhook has been answered.
  if (record.state === "ringing") end("ended");
  return { call_id: id, webhook: { headers, body }, delivery, call: record };
}

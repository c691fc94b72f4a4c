import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { type FakeOpenAI, startFakeOpenAI } from "./index";

// The fake's SIP side against a minimal receiver that does what a server must: verify the
// webhook with the standardwebhooks package, then accept/reject/refer, and answer tool calls
// over the sideband.

const KEY = "sk-proj-fake-sip-1234";
const SECRET = `whsec_${Buffer.from("fake-sip-signing-secret-0123456789").toString("base64")}`;

let fake: FakeOpenAI;
let receiver: Server;
let receiverUrl: string;
let nextAction: "accept" | "reject" | "refer" = "accept";
const verdicts: string[] = [];

async function control(action: string, callId: string, body: object) {
  const res = await fetch(`${fake.baseURL}/realtime/calls/${callId}/${action}`, {
    method: "POST",
    headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
}

function watch(callId: string) {
  const ws = new WebSocket(`${fake.url.replace("http", "ws")}/v1/realtime?call_id=${callId}`, {
    headers: { authorization: `Bearer ${KEY}` },
  });
  ws.on("message", (data) => {
    const event = JSON.parse(String(data));
    if (event.type === "response.output_item.done" && event.item.type === "function_call" && event.item.status === "completed") {
      const output = JSON.stringify({ data: [{ id: "gpt-fake-tool-model" }] });
      ws.send(
        JSON.stringify({ type: "conversation.item.create", item: { type: "function_call_output", call_id: event.item.call_id, output } }),
      );
      ws.send(JSON.stringify({ type: "response.create" }));
    }
  });
}

beforeAll(async () => {
  fake = await startFakeOpenAI();
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", async () => {
      const body = Buffer.concat(chunks).toString("utf8");
      let event: { data: { call_id: string } };
      try {
        event = new Webhook(SECRET).verify(body, req.headers as Record<string, string>) as typeof event;
      } catch (error) {
        verdicts.push(String(error));
        res.writeHead(401).end();
        return;
      }
      verdicts.push("ok");
      const callId = event.data.call_id;
      if (nextAction === "accept") {
        await control("accept", callId, {
          type: "realtime",
          model: "gpt-realtime",
          instructions: "Be brief.",
          tools: [{ type: "function", name: "list_openai_models", parameters: { type: "object", properties: {} } }],
        });
        watch(callId);
      } else if (nextAction === "reject") await control("reject", callId, { status_code: 486 });
      else await control("refer", callId, { target_uri: "tel:+14155550100" });
      res.writeHead(200).end("{}");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhook`;
});

afterAll(async () => {
  await fake.close();
  await new Promise((resolve) => receiver.close(resolve));
});

const place = async (extra: object = {}) => {
  const res = await fetch(`${fake.url}/_fake/sip/incoming`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ url: receiverUrl, secret: SECRET, question: "which models do we have?", ...extra }),
  });
  expect(res.status).toBe(200);
  return res.json();
};

async function waitFor<T>(check: () => Promise<T | undefined | false>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 25));
  }
}

const sipCall = async (id: string) => {
  const res = await fetch(`${fake.url}/_fake/sip/calls`);
  const { data } = await res.json();
  return data.find((c: { id: string }) => c.id === id);
};

describe("fake SIP side", () => {
  it("sends a webhook the standardwebhooks package verifies, takes the accepted session and asks a tool question over the sideband", async () => {
    nextAction = "accept";
    const result = await place({ from: "+14155550123" });
    expect(result.delivery.status).toBe(200);
    expect(result.call.state).toBe("accepted");
    expect(result.call.acceptedAfterMs).toBeGreaterThanOrEqual(0);
    expect(result.call.instructions).toBe("Be brief.");
    expect(JSON.parse(result.webhook.body)).toMatchObject({
      object: "event",
      type: "realtime.call.incoming",
      data: { call_id: result.call_id },
    });
    expect(JSON.parse(result.webhook.body).data.sip_headers[0].value).toContain("sip:+14155550123@");
    const done = await waitFor(async () => {
      const call = await sipCall(result.call_id);
      return call.replies.length > 0 && call;
    });
    expect(done.toolCalls).toEqual(["list_openai_models"]);
    expect(done.replies[0]).toContain("gpt-fake-tool-model");
    await control("hangup", result.call_id, {});
    expect((await sipCall(result.call_id)).state).toBe("ended");
  });

  it("honours reject with its SIP status and refer with its target", async () => {
    nextAction = "reject";
    const rejected = await place();
    expect(rejected.call).toMatchObject({ state: "rejected", statusCode: 486 });
    nextAction = "refer";
    const referred = await place();
    expect(referred.call).toMatchObject({ state: "referred", referTo: "tel:+14155550100" });
  });

  it("can send a forged signature or a stale timestamp, which a verifier refuses", async () => {
    verdicts.length = 0;
    const forged = await place({ forge_signature: true });
    const stale = await place({ timestamp_offset_seconds: -600 });
    expect(forged.delivery.status).toBe(401);
    expect(stale.delivery.status).toBe(401);
    expect(verdicts).toEqual([expect.stringMatching(/signature/i), expect.stringMatching(/too old/i)]);
    // Nobody accepted them: the calls are over.
    expect(forged.call.state).toBe("ended");
  });

  it("refuses a control request without a target URL or a whsec_ secret", async () => {
    const res = await fetch(`${fake.url}/_fake/sip/incoming`, {
      method: "POST",
      body: JSON.stringify({ url: receiverUrl, secret: "nope" }),
    });
    expect(res.status).toBe(400);
  });
});

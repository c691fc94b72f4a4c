import { type APIRequestContext, type Browser, expect } from "@playwright/test";
import WebSocket from "ws";
import { FAKE_OPENAI_URL } from "./env";
import { currentWorkspaceId, testKey } from "./keys";
import { signedUpContext } from "./users";

/** A signed-up admin whose workspace has an OpenAI key saved in the vault. */
export async function userWithKey(browser: Browser, label = "Voice") {
  const user = await signedUpContext(browser, label);
  const workspaceId = await currentWorkspaceId(user.api);
  const apiKey = testKey("standard", "rt");
  const saved = await user.api.put("/api/v1/llm/keys/openai", { data: { workspaceId, apiKey } });
  expect(saved.status()).toBe(200);
  return { ...user, workspaceId, apiKey };
}

/** The admin opt-in that lets OpenAI client secrets (ek_…) leave the server: token route and WebSocket mode. */
export async function allowClientSecrets(api: APIRequestContext) {
  const current = await api.get("/api/v1/realtime/settings");
  expect(current.status()).toBe(200);
  const { updatedAt: _updatedAt, ...settings } = (await current.json()).settings;
  const saved = await api.put("/api/v1/realtime/settings", { data: { ...settings, clientSecretsAllowed: true } });
  expect(saved.status()).toBe(200);
  expect((await saved.json()).settings.clientSecretsAllowed).toBe(true);
}

export const fake = {
  /** `key`: only requests made with this API key get the fault, so specs running beside this one keep theirs. */
  async fault(fault: string, path: string, count = 1, key?: string) {
    const res = await fetch(`${FAKE_OPENAI_URL}/_fake/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ fault, path, count, ...(key ? { key } : {}) }),
    });
    expect(res.status).toBe(201);
  },
  async revoke(key: string) {
    await fetch(`${FAKE_OPENAI_URL}/_fake/revoked`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ key }),
    });
  },
  async issued(): Promise<string[]> {
    const body = (await (await fetch(`${FAKE_OPENAI_URL}/_fake/issued`)).json()) as { data: Array<{ value: string }> };
    return body.data.map((s) => s.value);
  },
  async calls(): Promise<string[]> {
    const body = (await (await fetch(`${FAKE_OPENAI_URL}/_fake/calls`)).json()) as { data: Array<{ id: string }> };
    return body.data.map((c) => c.id);
  },
  async lastRequestBody(path: string): Promise<unknown> {
    const body = (await (await fetch(`${FAKE_OPENAI_URL}/_fake/requests?path=${encodeURIComponent(path)}`)).json()) as {
      data: Array<{ body: unknown }>;
    };
    return body.data.at(-1)?.body;
  },
};

/** A real WebRTC offer (werift), as a browser would post it. */
export async function sdpOffer(): Promise<string> {
  const { RTCPeerConnection, MediaStreamTrack } = await import("werift");
  const pc = new RTCPeerConnection();
  pc.addTransceiver(new MediaStreamTrack({ kind: "audio" }), { direction: "sendrecv" });
  pc.createDataChannel("oai-events");
  await pc.setLocalDescription(await pc.createOffer());
  const sdp = pc.localDescription?.sdp ?? "";
  await pc.close();
  return sdp;
}

export async function postOffer(api: APIRequestContext, ticket: string, sdp: string) {
  return api.post("/api/v1/realtime/calls", {
    headers: { "content-type": "application/sdp", authorization: `Bearer ${ticket}` },
    data: sdp,
  });
}

/** A call placed through our relay (ticket, then the SDP offer); its OpenAI call id. */
export async function relayCall(api: APIRequestContext) {
  // The offer first: tickets live seconds in e2e, and building an offer can take that on a busy machine.
  const offer = await sdpOffer();
  const ticket = await api.post("/api/v1/realtime/tickets", { data: {} });
  expect(ticket.status()).toBe(201);
  const res = await api.post("/api/v1/realtime/calls", {
    headers: { "content-type": "application/sdp", authorization: `Bearer ${(await ticket.json()).ticket}` },
    data: offer,
  });
  expect(res.status(), await res.text()).toBe(201);
  return res.headers().location?.split("/").pop() ?? "";
}

/** A second party in the call at the fake (what the browser's data channel can do): asks for replies. */
export async function joinCall(callId: string, apiKey: string, fakeUrl = FAKE_OPENAI_URL) {
  const socket = new WebSocket(`${fakeUrl.replace("http", "ws")}/v1/realtime?call_id=${callId}`, {
    headers: { authorization: `Bearer ${apiKey}` },
  });
  const events: Array<{ type: string; item?: { role?: string } }> = [];
  socket.on("message", (data) => events.push(JSON.parse(String(data))));
  let open = true;
  const closed = new Promise((resolve) => socket.on("close", resolve)).then(() => {
    open = false;
  });
  await new Promise((resolve, reject) => {
    socket.once("open", resolve);
    socket.once("error", reject);
  });
  const say = (text: string) => {
    socket.send(
      JSON.stringify({
        type: "conversation.item.create",
        item: { type: "message", role: "user", content: [{ type: "input_text", text }] },
      }),
    );
    socket.send(JSON.stringify({ type: "response.create" }));
  };
  return { events, closed, say, isOpen: () => open };
}

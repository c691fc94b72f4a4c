import { eq } from "drizzle-orm";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { MediaStreamTrack, RTCPeerConnection, RTCRtpCodecParameters } from "werift";
import { type FakeOpenAI, startFakeOpenAI } from "@/fake-openai";
import { freshDataDir } from "@/test-support/embedded-db";

const alerts = vi.hoisted(() => [] as string[]);
vi.mock("@/lib/notify", () => ({
  sendAlert: async (alert: { alertKey: string }) => {
    alerts.push(alert.alertKey);
    return "sent";
  },
}));

freshDataDir();
process.env.SIGNUP_MODE = "open";
const fake: FakeOpenAI = await startFakeOpenAI({ port: 0, log: false });
process.env.OPENAI_BASE_URL = fake.baseURL;
const { getDb } = await import("@/lib/database");
const { realtimeCalls } = await import("@/db/schema");
const { createPasswordUser } = await import("@/lib/auth/credentials");
const { resolveWorkspaceAccess } = await import("@/lib/workspaces/workspaces");
const { setBudget } = await import("@/lib/budgets/budgets");
const { joinSideband } = await import("./sideband");

afterAll(() => fake.close());
beforeAll(async () => {
  await getDb(); // migrations first: they take a while on a loaded machine
});

const API_KEY = "sk-fake-budget-relay-0000";

async function waitFor<T>(check: () => T | undefined | false, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 20));
  }
}

type Event = { type: string } & Record<string, unknown>;

/** A werift peer standing in for the browser: mic track and the oai-events channel. */
async function browserPeer() {
  const pc = new RTCPeerConnection({
    codecs: { audio: [new RTCRtpCodecParameters({ mimeType: "audio/PCMU", clockRate: 8000, channels: 1, payloadType: 0 })] },
  });
  pc.addTransceiver(new MediaStreamTrack({ kind: "audio" }), { direction: "sendrecv" });
  const dc = pc.createDataChannel("oai-events");
  const events: Event[] = [];
  dc.onMessage.subscribe((m) => events.push(JSON.parse(m.toString())));
  await pc.setLocalDescription(await pc.createOffer());
  return { pc, dc, events, offer: pc.localDescription?.sdp ?? "" };
}

describe("a live call whose budget is reached", () => {
  it("is warned through the sideband, then hung up with end reason 'budget'", async () => {
    const user = await createPasswordUser({ name: "Caller", email: "caller@example.com", password: "long enough pw" });
    const { workspaceId } = await resolveWorkspaceAccess({ userId: user.id });
    // One micro-dollar: the call's first response crosses it.
    await setBudget({ workspaceId, limitUsd: 0.000001, actorUserId: user.id });

    const peer = await browserPeer();
    const openai = new OpenAI({ apiKey: API_KEY, baseURL: fake.baseURL, maxRetries: 0 });
    const created = await openai.realtime.calls.create({ sdp: peer.offer, session: { type: "realtime", model: "gpt-realtime" } });
    const callId = (created.headers.get("location") ?? "").split("/").pop() ?? "";
    await peer.pc.setRemoteDescription({ type: "answer", sdp: await created.text() });
    await waitFor(() => peer.dc.readyState === "open");
    const db = await getDb();
    await db.insert(realtimeCalls).values({
      id: callId,
      userId: user.id,
      workspaceId,
      model: "gpt-realtime",
      keySource: "workspace",
      deadlineAt: new Date(Date.now() + 120_000),
    });

    const watched = joinSideband({
      callId,
      model: "gpt-realtime",
      apiKey: API_KEY,
      keyHint: "sk-…0000",
      policy: { instructions: "Be brief.", tools: [], tool_choice: "auto", audio: { output: { voice: "marin" } } },
      deadline: new Date(Date.now() + 120_000),
      budgetGraceMs: 8_000,
    });
    await waitFor(() => peer.events.some((e) => e.type === "session.created"));
    await new Promise((r) => setTimeout(r, 200)); // the sideband joins
    peer.dc.send(
      JSON.stringify({
        type: "conversation.item.create",
        item: { type: "message", role: "user", content: [{ type: "input_text", text: "hello" }] },
      }),
    );
    peer.dc.send(JSON.stringify({ type: "response.create" }));

    const started = Date.now();
    await watched; // the sideband closed: the call was hung up
    const [call] = await db.select().from(realtimeCalls).where(eq(realtimeCalls.id, callId));
    expect(call).toMatchObject({ endReason: "budget", responses: 2 });
    expect(call?.endedAt).toBeInstanceOf(Date);
    expect(call?.costMicros).toBeGreaterThan(1);
    // The caller heard why: a system item with the notice, then a second response before the line went dead.
    const notice = peer.events.find((e) => e.type === "conversation.item.added" && (e.item as { role?: string }).role === "system");
    expect(JSON.stringify(notice)).toContain("budget for OpenAI spend has been reached");
    expect(peer.events.filter((e) => e.type === "response.done")).toHaveLength(2);
    // Hung up once the warning had played, well before the grace period ran out.
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(fake.state.calls?.size ?? 0).toBe(0);
    expect(alerts).toEqual(["budget:workspace:80", "budget:workspace:100"]);
    await peer.pc.close();
  }, 60_000);
});

import { OpenAIRealtimeWebRTC, RealtimeAgent, RealtimeSession, tool } from "@openai/agents/realtime";

/** Browser harness for e2e/fake-webrtc.spec.ts: runs the Agents SDK over WebRTC and records what it sees. */
export interface HarnessState {
  status: "idle" | "connecting" | "connected" | "error";
  error?: string;
  events: Array<{ type: string } & Record<string, unknown>>;
  history: unknown[];
  toolCalls: string[];
  remoteTracks: number;
}

const state: HarnessState = { status: "idle", events: [], history: [], toolCalls: [], remoteTracks: 0 };
let peer: RTCPeerConnection | undefined;

const listModels = tool({
  name: "list_openai_models",
  description: "Lists the OpenAI models available to the workspace.",
  parameters: { type: "object", properties: {}, required: [], additionalProperties: false },
  strict: true,
  execute: async () => {
    state.toolCalls.push("list_openai_models");
    return JSON.stringify({ data: [{ id: "gpt-realtime" }, { id: "gpt-4o-mini" }] });
  },
});

async function start(opts: { apiKey: string; url: string }) {
  state.status = "connecting";
  const transport = new OpenAIRealtimeWebRTC({
    changePeerConnection: async (pc) => {
      peer = pc;
      pc.addEventListener("track", () => {
        state.remoteTracks += 1;
      });
      return pc;
    },
  });
  const agent = new RealtimeAgent({ name: "Assistant", instructions: "Answer briefly.", tools: [listModels] });
  const session = new RealtimeSession(agent, { transport, model: "gpt-realtime" });
  session.on("transport_event", (event) => state.events.push(event as HarnessState["events"][number]));
  session.on("history_updated", (history) => {
    state.history = JSON.parse(JSON.stringify(history));
  });
  session.on("error", (e) => {
    state.error = String((e as { error?: unknown }).error ?? e);
  });
  try {
    await session.connect(opts);
    state.status = "connected";
  } catch (error) {
    state.status = "error";
    state.error = String(error);
  }
}

/** Inbound audio RTP stats of the remote track: proves packets arrived and carried sound. */
async function inboundAudio() {
  const stats = await peer?.getStats();
  let result = { packetsReceived: 0, totalAudioEnergy: 0 };
  stats?.forEach((report) => {
    if (report.type === "inbound-rtp" && report.kind === "audio") {
      result = { packetsReceived: report.packetsReceived ?? 0, totalAudioEnergy: report.totalAudioEnergy ?? 0 };
    }
  });
  return result;
}

Object.assign(window, { harness: { state, start, inboundAudio } });

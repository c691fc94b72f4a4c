import "server-only";
import { eq, sql } from "drizzle-orm";
import WebSocket from "ws";
import { getDb } from "@/lib/database";
import { realtimeCalls } from "@/db/schema";
import { log } from "@/lib/log";
import { realtimeSocketURL } from "@/lib/openai/realtime";
import type { buildSessionConfig } from "./session-config";

type SessionConfig = ReturnType<typeof buildSessionConfig>;

// Open sideband sockets of this process, by call id; on globalThis because Next.js may load
// this module more than once.
const holder = globalThis as unknown as { __openctoSidebands?: Map<string, WebSocket> };
holder.__openctoSidebands ??= new Map();
const sidebands = holder.__openctoSidebands;

interface Usage {
  input_tokens?: number;
  output_tokens?: number;
  total_tokens?: number;
}

async function recordUsage(callId: string, usage: Usage) {
  const db = await getDb();
  await db
    .update(realtimeCalls)
    .set({
      responses: sql`${realtimeCalls.responses} + 1`,
      inputTokens: sql`${realtimeCalls.inputTokens} + ${usage.input_tokens ?? 0}`,
      outputTokens: sql`${realtimeCalls.outputTokens} + ${usage.output_tokens ?? 0}`,
      totalTokens: sql`${realtimeCalls.totalTokens} + ${usage.total_tokens ?? 0}`,
    })
    .where(eq(realtimeCalls.id, callId));
}

export async function markCallEnded(callId: string) {
  const db = await getDb();
  await db
    .update(realtimeCalls)
    .set({ endedAt: sql`coalesce(${realtimeCalls.endedAt}, now())` })
    .where(eq(realtimeCalls.id, callId));
}

/** True when a client's session.update changed what the workspace policy governs. */
function driftsFromPolicy(session: { instructions?: unknown; tools?: unknown }, policy: SessionConfig): boolean {
  if (session.instructions !== undefined && session.instructions !== policy.instructions) return true;
  if (!Array.isArray(session.tools)) return false;
  const names = session.tools.map((t: { name?: unknown }) => t?.name).sort();
  return JSON.stringify(names) !== JSON.stringify(policy.tools.map((t) => t.name).sort());
}

/**
 * Joins a live call as the server: records token usage from every `response.done`, re-applies
 * the workspace policy if the browser's session.update strays from it (the data channel goes
 * straight to OpenAI, so this is where the policy is enforced), and marks the call ended when
 * the socket closes.
 */
export function joinSideband({ callId, apiKey, policy }: { callId: string; apiKey: string; policy: SessionConfig }) {
  const socket = new WebSocket(realtimeSocketURL({ call_id: callId }), { headers: { Authorization: `Bearer ${apiKey}` } });
  sidebands.set(callId, socket);
  socket.on("message", (data) => {
    let event: { type?: string; response?: { usage?: Usage }; session?: { instructions?: unknown; tools?: unknown } };
    try {
      event = JSON.parse(String(data));
    } catch {
      return;
    }
    if (event.type === "response.done" && event.response?.usage)
      recordUsage(callId, event.response.usage).catch((error) => log("warn", "realtime_usage_failed", { callId, cause: String(error) }));
    if (event.type === "session.updated" && event.session && driftsFromPolicy(event.session, policy)) {
      log("warn", "realtime_policy_reapplied", { callId });
      const { instructions, tools, tool_choice } = policy;
      socket.send(JSON.stringify({ type: "session.update", session: { type: "realtime", instructions, tools, tool_choice } }));
    }
  });
  socket.on("error", (error) => log("warn", "realtime_sideband_error", { callId, cause: error.message }));
  socket.on("close", () => {
    sidebands.delete(callId);
    markCallEnded(callId).catch(() => undefined);
  });
}

export function leaveSideband(callId: string) {
  sidebands.get(callId)?.close();
}

import "server-only";
import WebSocket from "ws";
import { log } from "@/lib/log";
import type { RealtimeUsage } from "@/lib/spend/prices";
import { recordCallUsage } from "@/lib/spend/record";
import { checkSpend } from "@/lib/budgets/spend-check";
import type { ReachedBudget } from "@/lib/budgets/exceeded";
import { credentialHeaders, type OpenAICredential } from "@/lib/openai/client";
import { hangupCall, realtimeSocketURL } from "@/lib/openai/realtime";
import { endCall, markCallEnded } from "./call-end";
import { type GovernedPolicy, policyDrift } from "./policy-drift";

// Open sideband sockets of this process, by call id; on globalThis because Next.js may load
// this module more than once.
const holder = globalThis as unknown as { __openctoSidebands?: Map<string, WebSocket> };
holder.__openctoSidebands ??= new Map();
const sidebands = holder.__openctoSidebands;

/** How many calls this process is watching right now (reported by /api/health). */
export const openSidebandCount = () => sidebands.size;

const DEADLINE_HANGUP_RETRY_MS = [5_000, 5_000];
/** How long a call whose budget is reached may go on for the assistant to say so (less once it has). */
export const BUDGET_GRACE_MS = 10_000;
/** After the warning has been played out, a moment before the line goes dead. */
const AFTER_WARNING_MS = 500;

/** What the assistant is told to say when the call's budget is reached (it speaks the caller's language). */
const budgetNotice = (reached: ReachedBudget) =>
  reached.scope === "workspace"
    ? "The workspace's monthly budget for OpenAI spend has been reached, so this call is about to end."
    : "Your monthly budget for OpenAI spend in this workspace has been reached, so this call is about to end.";

/** Sees every server event of a watched call (audits, traces); its writes are awaited before the call's record closes. */
export interface SidebandObserver {
  event(event: Record<string, unknown>): Promise<unknown> | undefined;
  /** Once the socket has closed. */
  closed?(): Promise<unknown>;
}

interface SidebandEvent {
  type?: string;
  response?: { usage?: RealtimeUsage };
  item?: { type?: string; status?: string; name?: string; call_id?: string; arguments?: string };
  session?: Parameters<typeof policyDrift>[0];
}

/**
 * Joins a live call as the server and watches it until it ends: records token usage and its
 * estimated cost from every `response.done`, puts back whatever the browser's session.update changed of the workspace
 * policy (the data channel goes straight to OpenAI, so this is where the policy is enforced),
 * hangs up at `deadline`, and closes the call's record when the socket closes. A call it cannot
 * watch is hung up (fail closed). The promise settles once all of that is written, so a
 * serverless function can be kept alive exactly that long (`after()`).
 */
export function joinSideband({
  callId,
  model,
  keyHint,
  policy,
  deadline,
  budgetGraceMs = BUDGET_GRACE_MS,
  runTool,
  observers = [],
  ...credential
}: OpenAICredential & {
  callId: string;
  model: string;
  keyHint: string;
  /** Null: nothing to hold the session to (a transcription session). */
  policy: GovernedPolicy | null;
  deadline: Date;
  budgetGraceMs?: number;
  /**
   * Phone calls: no browser runs the assistant's tools, so the sideband does. Each completed
   * function call is answered with its output (conversation.item.create) and a response.create.
   */
  runTool?: (call: { name: string; args: Record<string, unknown> }) => Promise<string>;
  observers?: SidebandObserver[];
}): Promise<void> {
  const socket = new WebSocket(realtimeSocketURL({ call_id: callId }), { headers: credentialHeaders(credential) });
  sidebands.set(callId, socket);
  const writes = new Set<Promise<unknown>>();
  const track = (write: Promise<unknown>, event: string) => {
    const settled = write.catch((error) => log("warn", event, { callId, cause: String(error) })).finally(() => writes.delete(settled));
    writes.add(settled);
  };
  const hangup = () => hangupCall({ ...credential, keyHint, callId });
  let opened = false;

  const hangUpAtDeadline = async () => {
    for (const retryMs of [...DEADLINE_HANGUP_RETRY_MS, null]) {
      try {
        await endCall({ callId, reason: "deadline", hangup });
        log("info", "realtime_call_deadline", { callId });
        socket.close();
        return;
      } catch (error) {
        log("warn", "realtime_deadline_hangup_failed", { callId, cause: String(error) });
        if (retryMs === null || socket.readyState !== WebSocket.OPEN) return; // left to the reaper
        await new Promise((resolve) => setTimeout(resolve, retryMs));
      }
    }
  };
  const timer = setTimeout(() => track(hangUpAtDeadline(), "realtime_deadline_failed"), Math.max(0, deadline.getTime() - Date.now()));

  // A budget reached mid-call: the assistant is told to say so, then the call is hung up once that
  // warning has played (or after the grace period, whichever comes first).
  let budget: { reached: ReachedBudget; timer: NodeJS.Timeout; warningDone: boolean; hangingUp: boolean } | null = null;
  const hangUpForBudget = async () => {
    if (!budget || budget.hangingUp) return;
    budget.hangingUp = true;
    clearTimeout(budget.timer);
    await endCall({ callId, reason: "budget", hangup });
    log("info", "realtime_call_budget_ended", { callId, scope: budget.reached.scope });
    socket.close();
  };
  const warnAndEnd = (reached: ReachedBudget) => {
    if (budget) return;
    budget = {
      reached,
      timer: setTimeout(() => track(hangUpForBudget(), "realtime_budget_hangup_failed"), budgetGraceMs),
      warningDone: false,
      hangingUp: false,
    };
    log("info", "realtime_call_budget_reached", { callId, scope: reached.scope });
    if (socket.readyState !== WebSocket.OPEN) return;
    const notice = budgetNotice(reached);
    socket.send(
      JSON.stringify({
        type: "conversation.item.create",
        item: { type: "message", role: "system", content: [{ type: "input_text", text: notice }] },
      }),
    );
    socket.send(
      JSON.stringify({
        type: "response.create",
        response: {
          instructions: `${notice} Tell the user this in one short sentence, then say goodbye. Do not call any tool.`,
          tool_choice: "none",
        },
      }),
    );
  };
  const afterUsage = async (usage: RealtimeUsage) => {
    const totals = await recordCallUsage({ callId, model, usage });
    const { reached, alerts } = await checkSpend({ totals });
    track(alerts, "realtime_budget_alert_failed");
    if (reached) warnAndEnd(reached);
  };
  const answerToolCall = async (item: NonNullable<SidebandEvent["item"]>) => {
    if (!runTool || !item.name || !item.call_id) return;
    let args: Record<string, unknown> = {};
    try {
      const parsed: unknown = JSON.parse(item.arguments || "{}");
      if (parsed && typeof parsed === "object") args = parsed as Record<string, unknown>;
    } catch {
      // The model's arguments were not JSON: the tool sees none and says what it needs.
    }
    const output = await runTool({ name: item.name, args });
    if (socket.readyState !== WebSocket.OPEN) return;
    socket.send(
      JSON.stringify({ type: "conversation.item.create", item: { type: "function_call_output", call_id: item.call_id, output } }),
    );
    socket.send(JSON.stringify({ type: "response.create" }));
    log("info", "realtime_tool_answered", { callId, tool: item.name });
  };

  socket.on("open", () => {
    opened = true;
    // Remote MCP tools carry their authorization, which no browser has: the policy's tools are
    // set from here, and put back below if the browser's session.update replaced them.
    if (policy?.tools.some((t) => t.type === "mcp"))
      socket.send(JSON.stringify({ type: "session.update", session: { type: "realtime", tools: policy.tools } }));
  });
  socket.on("message", (data) => {
    let event: SidebandEvent;
    try {
      event = JSON.parse(String(data));
    } catch {
      return;
    }
    for (const observer of observers) {
      const write = observer.event(event as Record<string, unknown>);
      if (write) track(write, "realtime_observer_failed");
    }
    if (event.type === "response.done" && budget) budget.warningDone = true;
    else if ((event.type === "output_audio_buffer.stopped" || event.type === "output_audio_buffer.cleared") && budget?.warningDone)
      setTimeout(() => track(hangUpForBudget(), "realtime_budget_hangup_failed"), AFTER_WARNING_MS);
    if (event.type === "response.done" && event.response?.usage) track(afterUsage(event.response.usage), "realtime_usage_failed");
    if (runTool && event.type === "response.output_item.done" && event.item?.type === "function_call" && event.item.status === "completed")
      track(answerToolCall(event.item), "realtime_tool_failed");
    if (event.type === "session.updated" && event.session && policy) {
      const patch = policyDrift(event.session, policy);
      if (!patch) return;
      log("warn", "realtime_policy_reapplied", { callId, fields: Object.keys(patch) });
      socket.send(JSON.stringify({ type: "session.update", session: { type: "realtime", ...patch } }));
    }
  });
  socket.on("error", (error) => log("warn", "realtime_sideband_error", { callId, cause: error.message }));

  return new Promise((resolve) => {
    socket.on("close", () => {
      clearTimeout(timer);
      if (budget) clearTimeout(budget.timer);
      sidebands.delete(callId);
      // A call nobody can watch is not allowed to go on; one that was watched ended upstream.
      for (const observer of observers) if (observer.closed) track(observer.closed(), "realtime_observer_failed");
      if (opened) track(markCallEnded({ callId, reason: "user" }), "realtime_call_end_failed");
      else track(endCall({ callId, reason: "error", hangup }), "realtime_unwatched_hangup_failed");
      const drain = async () => {
        while (writes.size > 0) await Promise.all(writes);
      };
      void drain().then(resolve);
    });
  });
}

export function leaveSideband(callId: string) {
  sidebands.get(callId)?.close();
}

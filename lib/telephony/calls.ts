import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { after } from "next/server";
import { getDb } from "@/lib/database";
import { realtimeCalls, type TelephonySettingsRow } from "@/db/schema";
import { AppError, badRequest, notFound } from "@/lib/errors";
import { log } from "@/lib/log";
import { acceptCall, referCall, rejectCall } from "@/lib/openai/realtime";
import { callDeadline } from "@/lib/realtime/call-length";
import { endCall } from "@/lib/realtime/call-end";
import { callLengthSeconds } from "@/lib/realtime/calls";
import { buildSessionConfig } from "@/lib/realtime/session-config";
import { getAssistantSettings } from "@/lib/realtime/settings";
import { joinSideband, leaveSideband } from "@/lib/realtime/sideband";
import { type ResolvedKey, resolveOpenAIKey } from "@/lib/vault/resolve";
import { workspaceOverBudget } from "./budget";
import { maskNumber, numberFromHeaders, referUri, type SipHeader } from "./numbers";
import { type Availability, type CallDecision, decideCall } from "./policy";
import { runPhoneTool } from "./tools";

export type IncomingCallOutcome = { callId: string; from: string } & (
  | CallDecision
  | { action: "none"; reason: "no_key" } // nothing can be sent upstream without a key
);

async function workspaceKey(workspaceId: string): Promise<ResolvedKey | null> {
  try {
    return await resolveOpenAIKey({ workspaceId, userId: null, provider: "openai" });
  } catch (error) {
    if (error instanceof AppError && (error.code === "no_key_configured" || error.code === "key_decrypt_failed")) return null;
    throw error;
  }
}

/**
 * One realtime.call.incoming: decide by the workspace's rules, key and budget, then accept (with
 * the assistant policy, recorded as a phone call and watched over the sideband, which runs the
 * assistant's tools), reject or refer it upstream. The numbers are kept and logged masked only.
 */
export async function takeIncomingCall({
  workspaceId,
  rules,
  callId,
  sipHeaders,
}: {
  workspaceId: string;
  rules: Pick<TelephonySettingsRow, "defaultAction" | "allowPrefixes" | "denyPrefixes" | "referTarget" | "rejectStatus">;
  callId: string;
  sipHeaders: SipHeader[];
}): Promise<IncomingCallOutcome> {
  const startedAt = Date.now();
  const from = numberFromHeaders(sipHeaders, "from");
  const masked = { from: maskNumber(from), to: maskNumber(numberFromHeaders(sipHeaders, "to")) };
  const [key, overBudget] = await Promise.all([workspaceKey(workspaceId), workspaceOverBudget(workspaceId)]);
  if (!key) {
    log("warn", "telephony_call_unanswerable", { workspaceId, callId, from: masked.from, reason: "no_key" });
    return { callId, from: masked.from, action: "none", reason: "no_key" };
  }
  const availability: Availability = overBudget ? "over_budget" : "available";
  const decision = decideCall({ from, rules, availability });
  const upstream = { ...key, callId };
  if (decision.action === "reject") await rejectCall({ ...upstream, statusCode: decision.statusCode });
  else if (decision.action === "refer") await referCall({ ...upstream, targetUri: decision.targetUri });
  else await answerCall({ workspaceId, callId, key, masked, startedAt });
  log("info", "telephony_call_taken", {
    workspaceId,
    callId,
    from: masked.from,
    action: decision.action,
    reason: decision.reason,
    availability,
    ms: Date.now() - startedAt,
  });
  return { callId, from: masked.from, ...decision };
}

/**
 * Accepts a SIP call upstream with the assistant policy, records it as a phone call and watches it
 * over the sideband, which runs the assistant's tools.
 */
async function answerCall({
  workspaceId,
  callId,
  key,
  masked,
  startedAt,
}: {
  workspaceId: string;
  callId: string;
  key: ResolvedKey;
  masked: { from: string; to: string };
  startedAt: number;
}) {
  const settings = await getAssistantSettings(workspaceId);
  const deadline = callDeadline(startedAt, callLengthSeconds(settings));
  const session = buildSessionConfig(settings);
  await acceptCall({ ...key, callId, session });
  const db = await getDb();
  await db.insert(realtimeCalls).values({
    id: callId,
    userId: null,
    workspaceId,
    channel: "phone",
    fromMasked: masked.from,
    toMasked: masked.to,
    model: settings.model,
    keySource: key.source,
    deadlineAt: deadline,
  });
  const watched = joinSideband({
    callId,
    model: settings.model,
    ...key,
    policy: session,
    deadline,
    runTool: ({ name, args }) => runPhoneTool({ workspaceId, enabled: settings.enabledTools, name, args }),
  });
  after(() => watched);
}

/** A call this workspace has not answered yet: one it already holds is a conflict (hang it up or transfer it instead). */
async function refuseAnswered({ workspaceId, callId }: { workspaceId: string; callId: string }) {
  const db = await getDb();
  const [known] = await db
    .select({ endedAt: realtimeCalls.endedAt })
    .from(realtimeCalls)
    .where(and(eq(realtimeCalls.id, callId), eq(realtimeCalls.workspaceId, workspaceId)));
  if (known)
    throw new AppError(
      "conflict",
      known.endedAt ? "This call has already ended." : "This call is already answered: hang it up or transfer it instead.",
    );
}

/**
 * An admin accepts a ringing SIP call by hand (an agent deciding instead of the workspace's rules):
 * the assistant takes it as if the policy had said accept, within the workspace's budget.
 */
export async function acceptPhoneCall({ workspaceId, callId }: { workspaceId: string; callId: string }) {
  await refuseAnswered({ workspaceId, callId });
  if (await workspaceOverBudget(workspaceId))
    throw new AppError("budget_exceeded", "This workspace has reached its budget for the month, so the assistant cannot take calls.");
  const key = await resolveOpenAIKey({ workspaceId, userId: null, provider: "openai" });
  await answerCall({ workspaceId, callId, key, masked: { from: maskNumber(null), to: maskNumber(null) }, startedAt: Date.now() });
  log("info", "telephony_call_taken", { workspaceId, callId, action: "accept", reason: "manual" });
  return { callId, accepted: true };
}

/** An admin turns a ringing SIP call away; the caller hears `statusCode` (default: the workspace's reject status). */
export async function rejectPhoneCall({ workspaceId, callId, statusCode }: { workspaceId: string; callId: string; statusCode: number }) {
  await refuseAnswered({ workspaceId, callId });
  const key = await resolveOpenAIKey({ workspaceId, userId: null, provider: "openai" });
  await rejectCall({ ...key, callId, statusCode });
  log("info", "telephony_call_taken", { workspaceId, callId, action: "reject", reason: "manual" });
  return { callId, rejected: true, statusCode };
}

/** The workspace's phone calls, newest first (live ones on top): masked numbers, length, tokens, cost. */
export async function listPhoneCalls(workspaceId: string) {
  const db = await getDb();
  const rows = await db
    .select()
    .from(realtimeCalls)
    .where(and(eq(realtimeCalls.workspaceId, workspaceId), eq(realtimeCalls.channel, "phone")))
    .orderBy(desc(realtimeCalls.startedAt))
    .limit(50);
  return {
    calls: rows.map((r) => ({
      id: r.id,
      from: r.fromMasked,
      to: r.toMasked,
      model: r.model,
      startedAt: r.startedAt.toISOString(),
      endedAt: r.endedAt?.toISOString() ?? null,
      endReason: r.endReason,
      live: r.endedAt === null,
      responses: r.responses,
      totalTokens: r.totalTokens,
      costMicros: r.costMicros,
    })),
  };
}

async function openPhoneCall({ workspaceId, callId }: { workspaceId: string; callId: string }) {
  const db = await getDb();
  const [call] = await db
    .select()
    .from(realtimeCalls)
    .where(and(eq(realtimeCalls.id, callId), eq(realtimeCalls.workspaceId, workspaceId), eq(realtimeCalls.channel, "phone")));
  if (!call) throw notFound("No such phone call in this workspace.");
  return call;
}

/** An admin transfers a live phone call (SIP REFER) to `target` or the policy's refer target. */
export async function transferPhoneCall({
  workspaceId,
  callId,
  target,
  defaultTarget,
}: {
  workspaceId: string;
  callId: string;
  target: string | undefined;
  defaultTarget: string | null;
}) {
  const call = await openPhoneCall({ workspaceId, callId });
  if (call.endedAt) throw new AppError("conflict", "This call has already ended.");
  const targetUri = target ? referUri(target) : defaultTarget;
  if (!targetUri) throw badRequest("Give a number to transfer to, or set a transfer target in Settings → Telephony.");
  const key = await resolveOpenAIKey({ workspaceId, userId: null, provider: "openai" });
  // OpenAI hands the caller over and ends our leg: the record closes as an admin's doing.
  await endCall({ callId, reason: "admin", hangup: () => referCall({ ...key, callId, targetUri }) });
  leaveSideband(callId);
  return { callId, transferred: true };
}

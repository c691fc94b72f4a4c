import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/lib/database";
import { realtimeCalls } from "@/db/schema";
import { badRequest, forbidden, notFound } from "@/lib/errors";
import type { WorkspaceAccess } from "@/lib/workspaces/workspaces";
import { createCall, hangupCall } from "@/lib/openai/realtime";
import { resolveOpenAIKey } from "@/lib/vault/resolve";
import { env, onVercel } from "@/lib/config/env";
import { hasRole } from "@/lib/workspaces/roles";
import { callDeadline, effectiveCallSeconds } from "./call-length";
import { endCall } from "./call-end";
import type { AssistantSettings, RelayChoice } from "./policy";
import { buildSessionConfig, buildTranscriptionConfig } from "./session-config";
import { joinSideband, leaveSideband } from "./sideband";
import { callObservers } from "./observers";
import { mcpToolsFor } from "@/lib/connectors/tools";
import { getAssistantSettings } from "./settings";

/** The length a call started now gets: the policy's maximum under the platform's and the operator's caps. */
export const callLengthSeconds = (settings: Pick<AssistantSettings, "maxCallSeconds">) =>
  effectiveCallSeconds({
    policySeconds: settings.maxCallSeconds,
    onVercel: onVercel(),
    operatorCapSeconds: env().REALTIME_MAX_CALL_SECONDS_CAP,
  });

/**
 * The dashboard's relay: forwards the browser's SDP offer with the workspace policy and key to
 * OpenAI, records the call with its deadline and joins its sideband. The browser gets only the
 * SDP answer and the deadline; `watched` settles when the sideband has closed and written all
 * it saw (the caller keeps the function alive until then).
 */
export async function relayCall({
  workspaceId,
  userId,
  sdp,
  choice,
}: {
  workspaceId: string;
  userId: string;
  sdp: string;
  choice: RelayChoice;
}) {
  if (!sdp.startsWith("v=0")) throw badRequest("The body must be an SDP offer (Content-Type: application/sdp).");
  // The function's life (and so the call's) counts from here.
  const startedAt = Date.now();
  const settings = await getAssistantSettings(workspaceId);
  const deadline = callDeadline(startedAt, callLengthSeconds(settings));
  const key = await resolveOpenAIKey({ workspaceId, userId, provider: "openai" });
  const transcribing = choice.mode === "transcription";
  const base = transcribing ? null : buildSessionConfig(settings, choice);
  // The workspace's remote MCP servers: only on relayed calls, which the sideband watches and audits.
  const policy = base && { ...base, tools: [...base.tools, ...(await mcpToolsFor({ workspaceId }))] };
  const session = policy ?? buildTranscriptionConfig(settings);
  const model = transcribing ? settings.transcriptionModel : settings.model;
  const { callId, answer } = await createCall({ ...key, sdp, session });
  const db = await getDb();
  await db.insert(realtimeCalls).values({ id: callId, userId, workspaceId, model, keySource: key.source, deadlineAt: deadline });
  // A transcription session has no instructions, tools or voice to hold to the policy; the sideband
  // still keeps the deadline and the usage.
  const watched = joinSideband({
    callId,
    model,
    ...key,
    policy,
    deadline,
    observers: await callObservers({ callId, workspaceId, callerUserId: userId }),
  });
  return { callId, answer, deadline, watched };
}

/** Ends a call: its caller or a workspace admin. Upstream first, so a failure leaves the record open. */
export async function hangUp({ callId, userId, access }: { callId: string; userId: string; access: WorkspaceAccess }) {
  const db = await getDb();
  const [call] = await db
    .select()
    .from(realtimeCalls)
    .where(and(eq(realtimeCalls.id, callId), eq(realtimeCalls.workspaceId, access.workspaceId)));
  if (!call) throw notFound("No such call in this workspace.");
  if (call.userId !== userId && !hasRole(access.role, "admin")) throw forbidden("Only the caller or an admin can hang up this call.");
  if (!call.endedAt) {
    const key = await resolveOpenAIKey({ workspaceId: call.workspaceId, userId: call.userId, provider: "openai" });
    const reason = call.userId === userId ? "user" : "admin";
    await endCall({ callId, reason, hangup: () => hangupCall({ ...key, callId }) });
    leaveSideband(callId);
  }
  return { callId, ended: true };
}

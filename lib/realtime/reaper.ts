import "server-only";
import { and, asc, isNull, sql } from "drizzle-orm";
import { after } from "next/server";
import { getDb } from "@/lib/database";
import { realtimeCalls } from "@/db/schema";
import { bearerMatches } from "@/lib/auth/bearer";
import { env } from "@/lib/config/env";
import { log } from "@/lib/log";
import { hangupCall } from "@/lib/openai/realtime";
import { resolveOpenAIKey } from "@/lib/vault/resolve";
import { MAX_CALL_SECONDS, REAP_GRACE_SECONDS } from "./call-length";
import { endCall, markCallEnded } from "./call-end";

// Calls whose observer died with its instance (a crash, a deploy, a serverless function stopped
// at its limit) would stay open in our records, and maybe upstream. OpenAI has no call-status
// endpoint, so a call still open REAP_GRACE_SECONDS past its deadline counts as unwatched: the
// reaper hangs it up (a call already over answers 404, which counts as done) and closes its record.

const BATCH = 50;
const EVERY_MS = 60_000;

export interface ReapResult {
  reaped: string[];
  /** Hang-up failed upstream; retried on the next run. */
  failed: string[];
}

export async function reapAbandonedCalls(now = new Date()): Promise<ReapResult> {
  const db = await getDb();
  const cutoff = new Date(now.getTime() - REAP_GRACE_SECONDS * 1000);
  // Calls from before deadlines were recorded: OpenAI has ended them an hour after their start.
  const deadline = sql`coalesce(${realtimeCalls.deadlineAt}, ${realtimeCalls.startedAt} + make_interval(secs => ${MAX_CALL_SECONDS}))`;
  const stale = await db
    .select({
      id: realtimeCalls.id,
      workspaceId: realtimeCalls.workspaceId,
      userId: realtimeCalls.userId,
      startedAt: realtimeCalls.startedAt,
    })
    .from(realtimeCalls)
    .where(and(isNull(realtimeCalls.endedAt), sql`${deadline} < ${cutoff.toISOString()}::timestamptz`))
    .orderBy(asc(realtimeCalls.startedAt))
    .limit(BATCH);
  const result: ReapResult = { reaped: [], failed: [] };
  for (const call of stale) {
    try {
      const key = await resolveOpenAIKey({ workspaceId: call.workspaceId, userId: call.userId, provider: "openai" });
      await endCall({
        callId: call.id,
        reason: "reaped",
        hangup: () => hangupCall({ ...key, callId: call.id }),
      });
      result.reaped.push(call.id);
    } catch (error) {
      // Past OpenAI's own session limit the call is over whatever the hang-up said (or if no key is left).
      if (now.getTime() - call.startedAt.getTime() > (MAX_CALL_SECONDS + REAP_GRACE_SECONDS) * 1000) {
        await markCallEnded({ callId: call.id, reason: "reaped" });
        result.reaped.push(call.id);
      } else {
        log("warn", "realtime_reap_failed", { callId: call.id, cause: String(error) });
        result.failed.push(call.id);
      }
    }
  }
  if (stale.length > 0) log("info", "realtime_calls_reaped", { reaped: result.reaped.length, failed: result.failed.length });
  return result;
}

const holder = globalThis as unknown as { __openctoLastReap?: number };

/** After this response, at most once a minute per instance: reap abandoned calls. */
export function reapSoon() {
  const now = Date.now();
  if (now - (holder.__openctoLastReap ?? 0) < EVERY_MS) return;
  holder.__openctoLastReap = now;
  after(() =>
    reapAbandonedCalls().then(
      () => undefined,
      (error) => log("warn", "realtime_reaper_failed", { cause: String(error) }),
    ),
  );
}

/** Vercel Cron's `Authorization: Bearer $CRON_SECRET`. */
export const cronSecretMatches = (header: string | null) => bearerMatches(header, env().CRON_SECRET);

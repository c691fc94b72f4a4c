import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { getDb } from "@/lib/database";
import { type RealtimeEndReason, realtimeCalls } from "@/db/schema";

// A call's record is closed once; the first reason stated wins. Whoever ends a call on purpose
// states its reason BEFORE hanging up upstream, because the hang-up closes the sideband (maybe in
// another instance), whose close handler records only a fallback reason.

/** States why the server is about to end an open call (kept if a reason is already stated). */
export async function stateEndReason({ callId, reason }: { callId: string; reason: RealtimeEndReason }) {
  const db = await getDb();
  await db
    .update(realtimeCalls)
    .set({ endReason: sql`coalesce(${realtimeCalls.endReason}, ${reason})` })
    .where(and(eq(realtimeCalls.id, callId), isNull(realtimeCalls.endedAt)));
}

/** The hang-up failed: the call goes on, so its stated reason is withdrawn. */
export async function withdrawEndReason({ callId, reason }: { callId: string; reason: RealtimeEndReason }) {
  const db = await getDb();
  await db
    .update(realtimeCalls)
    .set({ endReason: null })
    .where(and(eq(realtimeCalls.id, callId), eq(realtimeCalls.endReason, reason), isNull(realtimeCalls.endedAt)));
}

export async function markCallEnded({ callId, reason }: { callId: string; reason: RealtimeEndReason }) {
  const db = await getDb();
  await db
    .update(realtimeCalls)
    .set({
      endedAt: sql`coalesce(${realtimeCalls.endedAt}, now())`,
      endReason: sql`coalesce(${realtimeCalls.endReason}, ${reason})`,
    })
    .where(eq(realtimeCalls.id, callId));
}

/** Ends a call on purpose: reason first, then `hangup` upstream, then the record. */
export async function endCall({ callId, reason, hangup }: { callId: string; reason: RealtimeEndReason; hangup: () => Promise<void> }) {
  await stateEndReason({ callId, reason });
  try {
    await hangup();
  } catch (error) {
    await withdrawEndReason({ callId, reason }).catch(() => undefined);
    throw error;
  }
  await markCallEnded({ callId, reason });
}

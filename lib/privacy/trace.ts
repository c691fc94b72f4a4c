import "server-only";
import { and, desc, eq, gt, lte } from "drizzle-orm";
import { getDb } from "@/lib/database";
import { callTraces, realtimeCalls, users } from "@/db/schema";
import { notFound } from "@/lib/errors";
import { redactEvent } from "./redact";

/** A trace keeps at most this many events of a call (the rest are counted, not kept). */
export const MAX_TRACE_EVENTS = 5000;

/** Collects a call's events, redacted as they arrive, for saveTrace at the call's end. */
export class TraceRecorder {
  readonly events: Record<string, unknown>[] = [];
  dropped = 0;

  add(event: Record<string, unknown>) {
    if (this.events.length >= MAX_TRACE_EVENTS) this.dropped++;
    else this.events.push({ received_at: new Date().toISOString(), ...redactEvent(event) });
  }
}

export async function saveTrace({
  callId,
  workspaceId,
  recorder,
  days,
}: {
  callId: string;
  workspaceId: string;
  recorder: TraceRecorder;
  days: number;
}) {
  const db = await getDb();
  await purgeExpiredTraces();
  const events =
    recorder.dropped > 0 ? [...recorder.events, { type: "trace.truncated", dropped_events: recorder.dropped }] : recorder.events;
  await db
    .insert(callTraces)
    .values({ callId, workspaceId, eventCount: events.length, events, expiresAt: new Date(Date.now() + days * 86_400_000) })
    .onConflictDoNothing();
}

/** Deletes every trace past its retention; returns how many. */
export async function purgeExpiredTraces() {
  const db = await getDb();
  const gone = await db.delete(callTraces).where(lte(callTraces.expiresAt, new Date())).returning({ callId: callTraces.callId });
  return gone.length;
}

export async function listTraces({ workspaceId, limit = 50 }: { workspaceId: string; limit?: number }) {
  const db = await getDb();
  return db
    .select({
      callId: callTraces.callId,
      eventCount: callTraces.eventCount,
      createdAt: callTraces.createdAt,
      expiresAt: callTraces.expiresAt,
      startedAt: realtimeCalls.startedAt,
      caller: { name: users.name, email: users.email },
    })
    .from(callTraces)
    .innerJoin(realtimeCalls, eq(realtimeCalls.id, callTraces.callId))
    .leftJoin(users, eq(users.id, realtimeCalls.userId))
    .where(and(eq(callTraces.workspaceId, workspaceId), gt(callTraces.expiresAt, new Date())))
    .orderBy(desc(callTraces.createdAt))
    .limit(limit);
}

/** One call's trace as the download's JSON document. */
export async function readTrace({ workspaceId, callId }: { workspaceId: string; callId: string }) {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(callTraces)
    .where(and(eq(callTraces.workspaceId, workspaceId), eq(callTraces.callId, callId), gt(callTraces.expiresAt, new Date())));
  if (!row) throw notFound("No trace of this call in this workspace (tracing was off, or it has expired).");
  return {
    callId: row.callId,
    workspaceId: row.workspaceId,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    eventCount: row.eventCount,
    events: row.events,
  };
}

import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull, lt } from "drizzle-orm";
import { getDb } from "@/lib/database";
import { realtimeTickets } from "@/db/schema";
import { env } from "@/lib/config/env";
import { AppError } from "@/lib/errors";
import { authenticate, type Principal } from "@/lib/auth/principal";
import { callLengthSeconds } from "./calls";
import { getAssistantSettings } from "./settings";

// The Agents SDK in a browser refuses credentials that do not start with "ek_"; "ek_oc_" keeps
// ours recognisable as OpenCTO's (it is no OpenAI secret and is worthless upstream).
export const TICKET_PREFIX = "ek_oc_";
const ticketTtlMs = () => 1000 * env().REALTIME_TICKET_TTL_SECONDS;

const hashTicket = (ticket: string) => createHash("sha256").update(ticket).digest("hex");

/**
 * A ticket for one call, with the length that call will get: the browser counts down from it
 * with its own clock (an absolute deadline would carry the clock skew between browser and server).
 */
export async function issueTicket({ userId, workspaceId }: { userId: string; workspaceId: string }) {
  const ticket = `${TICKET_PREFIX}${randomBytes(24).toString("base64url")}`;
  const expiresAt = new Date(Date.now() + ticketTtlMs());
  const db = await getDb();
  const [settings] = await Promise.all([
    getAssistantSettings(workspaceId),
    db.insert(realtimeTickets).values({ tokenHash: hashTicket(ticket), userId, workspaceId, expiresAt }),
  ]);
  if (Math.random() < 0.05) void pruneTickets();
  return { ticket, expiresAt: expiresAt.toISOString(), maxCallSeconds: callLengthSeconds(settings) };
}

export const invalidTicket = () => new AppError("unauthorized", "The call ticket is missing, already used or expired. Press Start again.");

/**
 * Spends a ticket: one conditional UPDATE, so of two concurrent uses exactly one wins, and an
 * expired or foreign (other user's) ticket is refused.
 */
export async function consumeTicket({ ticket, userId }: { ticket: string; userId: string }) {
  if (!ticket.startsWith(TICKET_PREFIX)) throw invalidTicket();
  const db = await getDb();
  const [row] = await db
    .update(realtimeTickets)
    .set({ consumedAt: new Date() })
    .where(
      and(
        eq(realtimeTickets.tokenHash, hashTicket(ticket)),
        eq(realtimeTickets.userId, userId),
        isNull(realtimeTickets.consumedAt),
        gt(realtimeTickets.expiresAt, new Date()),
      ),
    )
    .returning({ workspaceId: realtimeTickets.workspaceId });
  if (!row) throw invalidTicket();
  return row.workspaceId;
}

async function pruneTickets() {
  const db = await getDb();
  await db
    .delete(realtimeTickets)
    .where(lt(realtimeTickets.expiresAt, new Date(Date.now() - 3_600_000)))
    .catch(() => undefined);
}

/**
 * The relay's authenticator: the session cookie (which the browser sends anyway) plus a ticket
 * of the same user in `Authorization: Bearer`. The ticket binds the request to its workspace.
 */
export async function authenticateWithTicket(req: Request): Promise<Principal> {
  const principal = await authenticate(req);
  const ticket = /^Bearer\s+(\S+)$/.exec(req.headers.get("authorization") ?? "")?.[1];
  if (!ticket) throw invalidTicket();
  const workspaceId = await consumeTicket({ ticket, userId: principal.userId });
  return { ...principal, workspaceId };
}

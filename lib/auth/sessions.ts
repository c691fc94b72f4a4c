import { eq, sql } from "drizzle-orm";
import { getDb } from "@/lib/database";
import { users } from "@/db/schema";
import { unauthorized } from "@/lib/errors";

// A session JWT carries the user's `session_version` from when it was issued (claim `sv`); bumping the
// column ends every session issued before. Tokens from before the column existed carry none: version 0.

/** The version a session token claims. */
export const claimedVersion = (claim: unknown): number => (typeof claim === "number" && Number.isInteger(claim) ? claim : 0);

export const sessionEnded = () => unauthorized("Your session has ended. Sign in again.");

/** The user's current session version; null when the user no longer exists. */
export async function currentSessionVersion({ userId }: { userId: string }): Promise<number | null> {
  const db = await getDb();
  const [row] = await db.select({ version: users.sessionVersion }).from(users).where(eq(users.id, userId));
  return row ? row.version : null;
}

/** One primary-key read: whether a session claiming `version` is still the user's. */
export async function sessionIsCurrent({ userId, version }: { userId: string; version: number }): Promise<boolean> {
  return (await currentSessionVersion({ userId })) === version;
}

/** Signs the user out everywhere: every session cookie issued so far is refused on its next request. */
export async function endSessions({ userId }: { userId: string }): Promise<void> {
  const db = await getDb();
  await db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId));
}

import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import { getDb } from "@/lib/database";
import { type UserTokenPurpose, userTokens } from "@/db/schema";
import { AppError, notFound } from "@/lib/errors";

// Single-use links (password reset, email verification): 192 random bits in the link, only their
// SHA-256 in the database, an expiry, and a use that is one conditional UPDATE.

export const TOKEN_TTL_MS: Record<UserTokenPurpose, number> = {
  password_reset: 30 * 60_000,
  email_verify: 24 * 3600_000,
};

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

type Tx = Parameters<Parameters<Awaited<ReturnType<typeof getDb>>["transaction"]>[0]>[0];

/** A new link for the user; earlier unused links for the same purpose stop working. */
export async function issueUserToken({ userId, email, purpose }: { userId: string; email: string; purpose: UserTokenPurpose }) {
  const token = randomBytes(24).toString("base64url");
  const expiresAt = new Date(Date.now() + TOKEN_TTL_MS[purpose]);
  const db = await getDb();
  await db.transaction(async (tx) => {
    await retireTokens(tx, { userId, purpose });
    await tx.insert(userTokens).values({ tokenHash: hashToken(token), userId, email, purpose, expiresAt });
  });
  return { token, expiresAt };
}

async function retireTokens(tx: Tx, { userId, purpose }: { userId: string; purpose: UserTokenPurpose }) {
  await tx
    .update(userTokens)
    .set({ usedAt: new Date() })
    .where(and(eq(userTokens.userId, userId), eq(userTokens.purpose, purpose), isNull(userTokens.usedAt)));
}

/** Why a link cannot be used: unknown, used or expired (a clear message for each). */
async function unusableLink(tx: Tx, { token, purpose }: { token: string; purpose: UserTokenPurpose }): Promise<AppError> {
  const [row] = await tx
    .select({ usedAt: userTokens.usedAt })
    .from(userTokens)
    .where(and(eq(userTokens.tokenHash, hashToken(token)), eq(userTokens.purpose, purpose)));
  if (!row) return notFound("This link is not valid. Check that you copied all of it, or ask for a new one.");
  if (row.usedAt)
    return new AppError("link_used", "This link was already used (or a newer one was sent). Ask for a new one if you still need it.");
  return new AppError("link_expired", "This link has expired. Ask for a new one.");
}

/** The link's row while it is usable: this purpose, not used, not expired. */
const usable = ({ token, purpose }: { token: string; purpose: UserTokenPurpose }) =>
  and(
    eq(userTokens.tokenHash, hashToken(token)),
    eq(userTokens.purpose, purpose),
    isNull(userTokens.usedAt),
    gt(userTokens.expiresAt, new Date()),
  );

/** The link's user and address while it is usable, without using it (to show the form); else the reason. */
export async function peekUserToken({ token, purpose }: { token: string; purpose: UserTokenPurpose }) {
  const db = await getDb();
  const [row] = await db
    .select({ userId: userTokens.userId, email: userTokens.email, expiresAt: userTokens.expiresAt })
    .from(userTokens)
    .where(usable({ token, purpose }));
  if (row) return row;
  throw await db.transaction((tx) => unusableLink(tx, { token, purpose }));
}

/** Uses the link inside `tx` (a replay or a concurrent use loses); every other unused link of its kind goes too. */
export async function consumeUserToken(tx: Tx, { token, purpose }: { token: string; purpose: UserTokenPurpose }) {
  const [row] = await tx
    .update(userTokens)
    .set({ usedAt: new Date() })
    .where(usable({ token, purpose }))
    .returning({ userId: userTokens.userId, email: userTokens.email });
  if (!row) throw await unusableLink(tx, { token, purpose });
  await retireTokens(tx, { userId: row.userId, purpose });
  return row;
}

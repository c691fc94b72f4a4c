import { and, eq, isNull, sql } from "drizzle-orm";
import { getDb } from "@/lib/database";
import { users } from "@/db/schema";
import { mailConfigured, sendVerificationEmail } from "@/lib/mail";
import { verifyEmailUrl } from "./links";
import { consumeUserToken, issueUserToken, TOKEN_TTL_MS } from "./user-tokens";

// Email verification proves a password account owns its address. It is sent when SMTP_URL is set;
// unverified accounts keep every right they had (see README "Security model"): the dashboard shows a
// reminder, and a reset link or the verification link sets `users.email_verified`.

const VERIFY_HOURS = TOKEN_TTL_MS.email_verify / 3600_000;

/** Mails a verification link to the user's current address; false when mail is off or failed. */
export async function mailEmailVerification({ userId, origin }: { userId: string; origin: string }): Promise<boolean> {
  if (!mailConfigured()) return false;
  const db = await getDb();
  const [user] = await db
    .select({ email: users.email })
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.emailVerified)));
  if (!user?.email) return false;
  const { token } = await issueUserToken({ userId, email: user.email, purpose: "email_verify" });
  return sendVerificationEmail({ to: user.email, verifyUrl: verifyEmailUrl(origin, token), hours: VERIFY_HOURS });
}

/** Uses a verification link: the address it was sent to is verified, if it is still the user's. */
export async function verifyEmail({ token }: { token: string }): Promise<{ email: string; verified: boolean }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const link = await consumeUserToken(tx, { token, purpose: "email_verify" });
    const updated = await tx
      .update(users)
      .set({ emailVerified: sql`coalesce(${users.emailVerified}, now())` })
      .where(and(eq(users.id, link.userId), eq(users.email, link.email)))
      .returning({ id: users.id });
    return { email: link.email, verified: updated.length > 0 };
  });
}

/** Whether the dashboard should remind this user to verify: a password account, unverified, on a server that mails. */
export async function emailVerificationPending({ userId }: { userId: string }): Promise<boolean> {
  if (!mailConfigured()) return false;
  const db = await getDb();
  const [user] = await db
    .select({ passwordHash: users.passwordHash, emailVerified: users.emailVerified })
    .from(users)
    .where(eq(users.id, userId));
  return Boolean(user?.passwordHash) && !user?.emailVerified;
}

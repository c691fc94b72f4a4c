import { eq, sql } from "drizzle-orm";
import { getDb } from "@/lib/database";
import { users } from "@/db/schema";
import { forgetFailures } from "@/lib/limits/throttle";
import { sendPasswordResetEmail } from "@/lib/mail";
import { resetPasswordUrl } from "./links";
import { hashPassword } from "./passwords";
import { consumeUserToken, issueUserToken, TOKEN_TTL_MS } from "./user-tokens";

export const RESET_MINUTES = TOKEN_TTL_MS.password_reset / 60_000;

/**
 * Mails a reset link when the email has an account. The caller answers the same either way, and
 * runs this after the response (next/server `after`) so the answer's timing says nothing either.
 */
export async function mailPasswordReset({ email, origin }: { email: string; origin: string }): Promise<void> {
  const db = await getDb();
  const [user] = await db.select({ id: users.id, email: users.email }).from(users).where(eq(users.email, email));
  if (!user?.email) return;
  const { token } = await issueUserToken({ userId: user.id, email: user.email, purpose: "password_reset" });
  await sendPasswordResetEmail({ to: user.email, resetUrl: resetPasswordUrl(origin, token), minutes: RESET_MINUTES });
}

/**
 * Sets the new password from a reset link: the link is used up, every session of the user ends
 * (including a stolen one), the email counts as verified (the link reached it) and the sign-in
 * lockout of the email is lifted.
 */
export async function resetPassword({ token, password }: { token: string; password: string }): Promise<{ email: string }> {
  const passwordHash = await hashPassword(password);
  const db = await getDb();
  const { email } = await db.transaction(async (tx) => {
    const link = await consumeUserToken(tx, { token, purpose: "password_reset" });
    await tx
      .update(users)
      .set({
        passwordHash,
        sessionVersion: sql`${users.sessionVersion} + 1`,
        emailVerified: sql`case when ${users.email} = ${link.email} then coalesce(${users.emailVerified}, now()) else ${users.emailVerified} end`,
      })
      .where(eq(users.id, link.userId));
    return link;
  });
  await forgetFailures({ action: "sign_in", target: { account: email } });
  return { email };
}

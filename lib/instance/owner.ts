import { and, eq } from "drizzle-orm";
import { getDb } from "@/lib/database";
import { users } from "@/db/schema";
import { authenticate, type Principal } from "@/lib/auth/principal";
import { notFound } from "@/lib/errors";

export async function isInstanceOwner({ userId }: { userId: string }): Promise<boolean> {
  const db = await getDb();
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.isInstanceOwner, true)));
  return Boolean(row);
}

/** Instance settings exist only for the instance owner: anyone else gets the 404 an unknown route gives. */
export async function requireInstanceOwner({ userId }: { userId: string }): Promise<void> {
  if (!(await isInstanceOwner({ userId }))) throw notFound("Not found.");
}

/** A route authenticator: the session cookie of the instance owner, checked before the body is read. */
export async function authenticateInstanceOwner(req: Request): Promise<Principal> {
  const principal = await authenticate(req);
  await requireInstanceOwner({ userId: principal.userId });
  return principal;
}

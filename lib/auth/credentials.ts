import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/lib/database";
import { users } from "@/db/schema";
import { conflict } from "@/lib/errors";
import { createPersonalWorkspace } from "@/lib/workspaces/workspaces";
import { emailSchema } from "@/lib/mail/address";
import { hashPassword, verifyPassword } from "./passwords";

export const signUpSchema = z.object({
  name: z.string().trim().min(1, "Enter your name.").max(100, "Name is too long."),
  email: emailSchema,
  password: z
    .string()
    .min(10, "Use at least 10 characters for the password.")
    .max(200, "Password is too long (200 characters at most)."),
});

export const signInSchema = z.object({ email: emailSchema, password: z.string().min(1).max(200) });

export async function createPasswordUser(input: z.infer<typeof signUpSchema>) {
  const db = await getDb();
  // Hash first so that a taken email answers no faster than a free one.
  const passwordHash = await hashPassword(input.password);
  const existing = await db.select({ id: users.id }).from(users).where(eq(users.email, input.email));
  if (existing.length > 0) throw conflict("An account with this email already exists. Sign in instead.", "email_taken");
  const [user] = await db
    .insert(users)
    // The first account of an empty instance owns it (and the server's fallback keys).
    .values({ name: input.name, email: input.email, passwordHash, isInstanceOwner: sql`not exists (select 1 from ${users})` })
    .onConflictDoNothing()
    .returning({ id: users.id, email: users.email, name: users.name });
  if (!user) throw conflict("An account with this email already exists. Sign in instead.", "email_taken");
  await createPersonalWorkspace({ userId: user.id, userName: input.name });
  return user;
}

export async function authenticatePassword(input: z.infer<typeof signInSchema>) {
  const db = await getDb();
  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, input.email));
  const ok = await verifyPassword(user?.passwordHash, input.password);
  return ok && user ? { id: user.id, email: user.email, name: user.name } : null;
}

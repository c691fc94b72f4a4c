// Creates the demo user and workspace (idempotent) in the database the environment points at.
import { eq } from "drizzle-orm";
import { getDatabaseHandle } from "@/lib/database";
import { users } from "@/db/schema";
import { createPasswordUser } from "@/lib/auth/credentials";

const DEMO_EMAIL = "demo@opencto.local";

const handle = await getDatabaseHandle();
const existing = await handle.db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_EMAIL));
if (existing.length === 0) await createPasswordUser({ name: "Demo", email: DEMO_EMAIL, password: "demo-password-2026" });
await handle.close();

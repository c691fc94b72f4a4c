import "server-only";
import { sql } from "drizzle-orm";
import { getDatabaseHandle } from "@/db";

export async function checkHealth() {
  const started = performance.now();
  try {
    const handle = await getDatabaseHandle();
    await handle.db.execute(sql`select 1`);
    const latencyMs = Math.round((performance.now() - started) * 10) / 10;
    return { ok: true, database: { status: "ok" as const, driver: handle.driver, latencyMs } };
  } catch {
    return { ok: false, database: { status: "unavailable" as const } };
  }
}

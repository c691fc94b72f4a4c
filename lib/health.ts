import "server-only";
import { schemaStatus } from "@/db/migration-status";
import { getDatabaseHandle } from "@/lib/database";

/** Database reachability and whether its schema is the one this build expects. */
export async function checkHealth() {
  const started = performance.now();
  try {
    const handle = await getDatabaseHandle();
    const schema = await schemaStatus(handle.db);
    const latencyMs = Math.round((performance.now() - started) * 10) / 10;
    return { ok: schema.pending.length === 0, database: { status: "ok" as const, driver: handle.driver, latencyMs }, schema };
  } catch {
    // Whatever the failure, the dependency that is down is the database (refused, timed out, not opening).
    return { ok: false, database: { status: "unavailable" as const, error: "Can't reach the database." }, schema: null };
  }
}

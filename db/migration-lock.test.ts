import fs from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDatabase, type DriverName } from "./connect";
import { MIGRATION_LOCK_KEY } from "./migration-lock";
import { schemaStatus } from "./migration-status";
import { startNeonBridge } from "@/test-support/neon-bridge";
import { createScratchDatabase, postgresReachable } from "@/test-support/postgres";

const reachable = await postgresReachable();
if (!reachable && process.env.CI === "true") throw new Error("PostgreSQL at 127.0.0.1:5432 is not reachable — not allowed under CI=true.");

const journalTags = () =>
  (JSON.parse(fs.readFileSync("db/migrations/meta/_journal.json", "utf8")) as { entries: { tag: string }[] }).entries.map((e) => e.tag);

async function waitUntil(check: () => Promise<boolean>, ms = 10_000) {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 50));
  }
}

for (const driver of ["pg", "neon"] satisfies DriverName[]) {
  describe.runIf(reachable)(`migrations under the advisory lock (${driver})`, () => {
    let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
    let bridge: Awaited<ReturnType<typeof startNeonBridge>> | undefined;
    let observer: pg.Client;

    beforeAll(async () => {
      scratch = await createScratchDatabase();
      if (driver === "neon") bridge = await startNeonBridge();
      observer = new pg.Client({ connectionString: scratch.url });
      await observer.connect();
    });
    afterAll(async () => {
      await observer.end();
      await bridge?.close();
      await scratch.drop();
    });

    it("two migrators of one database take turns: the second waits, then finds nothing to apply", async () => {
      const open = () => connectDatabase({ url: scratch.url, driver, neonWsProxy: bridge?.url });
      const [first, second] = await Promise.all([open(), open()]);
      // A third party holds the lock, as a build already migrating would: both must queue behind it.
      await observer.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
      const runs = [first.migrate(), second.migrate()];
      const waiting = async () => {
        const { rows } = await observer.query("select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted");
        return rows[0].n === 2;
      };
      await waitUntil(waiting);
      const { rows: before } = await observer.query(
        "select to_regclass('drizzle.__drizzle_migrations') as t, to_regclass('public.users') as u",
      );
      expect(before[0]).toEqual({ t: null, u: null });

      await observer.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
      await Promise.all(runs);

      const { rows: applied } = await observer.query("select count(*)::int as n from drizzle.__drizzle_migrations");
      expect(applied[0].n).toBe(journalTags().length);
      expect(await schemaStatus(first.db)).toEqual({ version: journalTags().at(-1), pending: [] });
      const { rows: held } = await observer.query("select count(*)::int as n from pg_locks where locktype = 'advisory'");
      expect(held[0].n).toBe(0);
      await Promise.all([first.close(), second.close()]);
    });
  });
}

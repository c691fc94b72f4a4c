import fs from "node:fs";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chooseDriver, connectDatabase, type DatabaseHandle } from "./connect";
import { type SchemaStatus, schemaStatus } from "./migration-status";
import { memberships, users, workspaces } from "./schema";
import { startNeonBridge } from "@/test-support/neon-bridge";
import { createScratchDatabase, postgresReachable } from "@/test-support/postgres";

const reachable = await postgresReachable();
if (!reachable) {
  const message = "PostgreSQL at 127.0.0.1:5432 is not reachable: the pg and neon driver tests are skipped";
  if (process.env.CI === "true") throw new Error(`${message} — not allowed under CI=true.`);
  console.warn(`[db tests] ${message}.`);
}

describe("driver choice", () => {
  it("picks PGlite without a URL, Neon for neon.tech hosts, node-postgres otherwise", () => {
    expect(chooseDriver(undefined)).toBe("pglite");
    expect(chooseDriver("postgres://u:p@ep-cool-1.eu-central-1.aws.neon.tech/db")).toBe("neon");
    expect(chooseDriver("postgres://u:p@db.internal:5432/db")).toBe("pg");
    expect(chooseDriver("postgres://u:p@db.internal:5432/db", "neon")).toBe("neon");
  });
});

type Setup = () => Promise<{ handle: DatabaseHandle; cleanup(): Promise<void> }>;

const setups: Record<string, { run: boolean; setup: Setup }> = {
  pglite: {
    run: true,
    setup: async () => {
      const handle = await connectDatabase({ driver: "pglite" });
      return { handle, cleanup: () => handle.close() };
    },
  },
  pg: {
    run: reachable,
    setup: async () => {
      const scratch = await createScratchDatabase();
      const handle = await connectDatabase({ url: scratch.url });
      return {
        handle,
        cleanup: async () => {
          await handle.close();
          await scratch.drop();
        },
      };
    },
  },
  neon: {
    run: reachable,
    setup: async () => {
      const scratch = await createScratchDatabase();
      const bridge = await startNeonBridge();
      const handle = await connectDatabase({ url: scratch.url, driver: "neon", neonWsProxy: bridge.url });
      return {
        handle,
        cleanup: async () => {
          await handle.close();
          await bridge.close();
          await scratch.drop();
        },
      };
    },
  },
};

for (const [name, { run, setup }] of Object.entries(setups)) {
  describe.runIf(run)(`${name} driver`, () => {
    let handle: DatabaseHandle;
    let cleanup: () => Promise<void>;

    let before: SchemaStatus;

    beforeAll(async () => {
      ({ handle, cleanup } = await setup());
      before = await schemaStatus(handle.db);
      await handle.migrate();
    });
    afterAll(() => cleanup());

    it("reports its driver and applies migrations idempotently", async () => {
      expect(handle.driver).toBe(name);
      await handle.migrate();
      const tables = await handle.db.execute<{ table_name: string }>(
        sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
      );
      const names = (tables as unknown as { rows: { table_name: string }[] }).rows.map((r) => r.table_name);
      expect(names).toEqual(expect.arrayContaining(["users", "workspaces", "memberships", "invites", "accounts"]));
    });

    it("reports every migration pending on an empty database and none once migrated", async () => {
      const journal = JSON.parse(fs.readFileSync("db/migrations/meta/_journal.json", "utf8")) as { entries: { tag: string }[] };
      const tags = journal.entries.map((e) => e.tag);
      expect(before).toEqual({ version: null, pending: tags });
      expect(await schemaStatus(handle.db)).toEqual({ version: tags.at(-1), pending: [] });
    });

    it("commits a transaction and reads the rows back", async () => {
      const email = `tx-${name}@example.com`;
      const workspaceId = await handle.db.transaction(async (tx) => {
        const [user] = await tx.insert(users).values({ email, name: "Tx" }).returning();
        const [ws] = await tx.insert(workspaces).values({ name: "Tx ws", createdBy: user!.id }).returning();
        await tx.insert(memberships).values({ workspaceId: ws!.id, userId: user!.id, role: "owner" });
        return ws!.id;
      });
      const rows = await handle.db
        .select({ role: memberships.role, email: users.email })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(eq(memberships.workspaceId, workspaceId));
      expect(rows).toEqual([{ role: "owner", email }]);
    });

    it("rolls back a failed transaction completely", async () => {
      const email = `rollback-${name}@example.com`;
      await expect(
        handle.db.transaction(async (tx) => {
          await tx.insert(users).values({ email });
          await tx.insert(users).values({ email }); // unique violation
        }),
      ).rejects.toThrow();
      expect(await handle.db.select().from(users).where(eq(users.email, email))).toEqual([]);
    });
  });
}

import fs from "node:fs";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import type pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { connectDatabase, type DatabaseHandle } from "./connect";
import { isDatabaseUnreachable } from "./reachability";
import { users, workspaces } from "./schema";
import { startNeonBridge } from "@/test-support/neon-bridge";
import { createScratchDatabase, postgresReachable } from "@/test-support/postgres";
import { startTcpProxy, type TcpProxy } from "@/test-support/tcp-proxy";

// The data layer with PostgreSQL behind a proxy the test breaks: every failure is quick and
// recognisable as "unreachable", no failure leaks a pooled connection, nothing logs parameters.
const reachable = await postgresReachable();
if (!reachable && process.env.CI === "true") throw new Error("PostgreSQL at 127.0.0.1:5432 is required under CI=true.");

const DEADLINE_MS = 2000;

async function failure(work: () => Promise<unknown>) {
  const started = performance.now();
  const error = await work().then(
    () => undefined,
    (e: unknown) => e,
  );
  return { error, ms: performance.now() - started };
}

/** Time until `work` succeeds again, retrying as a client honouring Retry-After would (faster). */
async function recovery(work: () => Promise<unknown>, limitMs = 15_000) {
  const started = performance.now();
  for (;;) {
    try {
      await work();
      return performance.now() - started;
    } catch (error) {
      if (performance.now() - started > limitMs) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

it("drizzle-orm is the version db/drizzle-fixes.ts was written for (re-check the fixes before upgrading)", async () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(process.cwd(), "node_modules/drizzle-orm/package.json"), "utf8"));
  expect(manifest.version).toBe("0.45.4");
});

describe.runIf(reachable).each(["pg", "neon"] as const)("PostgreSQL away (%s driver through a TCP proxy)", (driver) => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let bridge: Awaited<ReturnType<typeof startNeonBridge>> | undefined;
  let proxy: TcpProxy;
  let handle: DatabaseHandle;
  let pool: pg.Pool;
  const ping = () => handle.db.execute(sql`select 1`);

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    const direct = await connectDatabase({ url: scratch.url });
    await direct.migrate();
    await direct.close();
    proxy = await startTcpProxy();
    if (driver === "neon") bridge = await startNeonBridge();
    handle = await connectDatabase({ url: proxy.through(scratch.url), driver, neonWsProxy: bridge?.url, poolMax: 10 });
    pool = (handle.db as unknown as { $client: pg.Pool }).$client;
  });
  afterAll(async () => {
    await handle?.close();
    await bridge?.close();
    await proxy?.close();
    await scratch?.drop();
  });
  beforeEach(async () => {
    await proxy.set("up");
    await recovery(ping);
  });

  it("refused: fails at once, recognised as unreachable; works again once restored", async () => {
    await proxy.set("refuse");
    const { error, ms } = await failure(ping);
    expect(isDatabaseUnreachable(error)).toBe(true);
    expect(ms).toBeLessThan(DEADLINE_MS);
    await proxy.set("up");
    expect(await recovery(ping)).toBeLessThan(1000);
  });

  it("stalled: gives up within 2 s, and after the stall heals the half-open connections are discarded", async () => {
    await Promise.all(Array.from({ length: 5 }, ping)); // several pooled connections, all about to become black holes
    await proxy.set("stall");
    const results = await Promise.all(Array.from({ length: 12 }, () => failure(ping)));
    for (const { error, ms } of results) {
      expect(isDatabaseUnreachable(error)).toBe(true);
      expect(ms).toBeLessThan(DEADLINE_MS + 200);
    }
    await proxy.set("up");
    const healedMs = await recovery(ping);
    console.info(
      `[outage] ${driver} stall: slowest failure ${Math.round(Math.max(...results.map((r) => r.ms)))} ms, recovered ${Math.round(healedMs)} ms after the stall healed`,
    );
    expect(healedMs).toBeLessThan(5000);
    expect(pool.waitingCount).toBe(0);
  });

  it("15 failed BEGINs leak no connection: the pool (max 10) still serves transactions", async () => {
    await proxy.set("cut", { match: /^Q[\s\S]{4}begin/i });
    for (let i = 0; i < 15; i++) {
      const { error } = await failure(() => handle.db.transaction(async (tx) => tx.execute(sql`select 1`)));
      expect(isDatabaseUnreachable(error)).toBe(true);
    }
    expect(proxy.cuts()).toBe(15);
    await proxy.set("up");
    const { ms } = await failure(() => handle.db.transaction(async (tx) => tx.execute(sql`select 1`)));
    expect(ms).toBeLessThan(1000);
    expect(pool.totalCount).toBeLessThanOrEqual(10);
    expect(pool.waitingCount).toBe(0);
  });

  it("a transaction cut mid-way writes nothing", async () => {
    await proxy.set("cut", { match: /insert into "workspaces"/ });
    const email = `half-${Date.now()}@example.com`;
    const { error } = await failure(() =>
      handle.db.transaction(async (tx) => {
        const [user] = await tx.insert(users).values({ name: "Half", email }).returning();
        await tx.insert(workspaces).values({ name: "never", createdBy: user?.id ?? "" });
      }),
    );
    expect(isDatabaseUnreachable(error)).toBe(true);
    await proxy.set("up");
    await recovery(ping);
    const written = await handle.db.select({ email: users.email }).from(users).where(eq(users.email, email));
    expect(written).toEqual([]);
  });

  it("a failed query's error carries no parameters and no row data", async () => {
    const secretHash = "$argon2id$v=19$m=19456,t=2,p=1$c2VjcmV0LXNhbHQ$aGFzaC1vZi1hLXBhc3N3b3Jk";
    const email = `dup-${Date.now()}@example.com`;
    await handle.db.insert(users).values({ name: "First", email });
    const duplicate = await failure(() => handle.db.insert(users).values({ name: "Second", email, passwordHash: secretHash }));
    await proxy.set("refuse");
    const away = await failure(() => handle.db.insert(users).values({ name: "Third", email: "x@example.com", passwordHash: secretHash }));
    for (const error of [duplicate.error, away.error]) {
      const err = error as Error & { params?: unknown[]; cause?: Error & { detail?: string } };
      const printed = `${String(err)} ${err.stack} ${JSON.stringify(err)} ${String(err.cause)} ${err.cause?.stack}`;
      expect(err.message).toMatch(/^Failed query: insert into "users"/);
      expect(printed).not.toContain(secretHash);
      expect(printed).not.toContain("params:");
      expect(err.params).toEqual([]);
      expect(err.cause?.detail).toBeUndefined();
    }
    expect((duplicate.error as { cause?: { code?: string } }).cause?.code).toBe("23505");
    expect(isDatabaseUnreachable(duplicate.error)).toBe(false);
  });
});

import fs from "node:fs";
import path from "node:path";
import { neonConfig, Pool as NeonPool } from "@neondatabase/serverless";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzleNeon } from "drizzle-orm/neon-serverless";
import { migrate as migrateNeon } from "drizzle-orm/neon-serverless/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { attachDatabasePool } from "@vercel/functions";
import ws from "ws";
import "./drizzle-fixes";
import { withMigrationLock } from "./migration-lock";
import * as schema from "./schema";

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type DriverName = "pglite" | "pg" | "neon";

export interface DatabaseHandle {
  db: Database;
  driver: DriverName;
  /**
   * Embedded PGlite only (null elsewhere): this process is the database's only client, and this
   * number moves whenever a row that admission reads changes — the triggers of migration 0012
   * notify, and PGlite hands the notification over before the writing statement returns.
   */
  admissionEpoch: (() => number) | null;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** Postgres URL; absent → embedded PGlite. */
  url?: string;
  driver?: DriverName;
  /** PGlite directory; absent with the pglite driver → in memory. */
  pgliteDir?: string;
  /** Routes Neon's WebSocket through a local proxy (tests, local development). */
  neonWsProxy?: string;
  /** Max connections of the node-postgres pool (default 10). */
  poolMax?: number;
  /** Gives up connecting, or waiting for a free pooled connection, after this long (default 1500 ms). */
  connectTimeoutMs?: number;
  /** The server cancels a statement after this long; the client stops waiting 250 ms later (default 1200 ms, 0: never). */
  statementTimeoutMs?: number;
}

// Defaults that answer 503 within 2 s when the server is away or stalled.
const DEFAULT_CONNECT_TIMEOUT_MS = 1500;
const DEFAULT_STATEMENT_TIMEOUT_MS = 1200;
// Long enough for a request's queries to reuse a connection, short enough that serverless
// instances do not hold connections while frozen (Vercel's attachDatabasePool waits this long).
const IDLE_TIMEOUT_MS = 5000;
// The client's own deadline: the server's statement timeout answers first when the server is alive.
const CLIENT_GRACE_MS = 250;
// A transaction left open by a vanished client stops holding its locks after this long.
const IDLE_IN_TRANSACTION_MS = 10_000;

/** Pool settings shared by node-postgres and Neon's pg-compatible pool. */
function poolTimeouts(opts: ConnectOptions) {
  const statement = opts.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS;
  return {
    connectionTimeoutMillis: opts.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    idleTimeoutMillis: IDLE_TIMEOUT_MS,
    ...(statement > 0 ? { query_timeout: statement + CLIENT_GRACE_MS } : {}),
  };
}

/** An idle pooled connection that breaks emits "error" on the pool; unheard, it would end the process. */
function watch(pool: { on(event: "error", listener: (error: Error) => void): unknown }) {
  pool.on("error", (error) =>
    console.warn(
      JSON.stringify({ time: new Date().toISOString(), level: "warn", event: "database_idle_connection_lost", cause: error.message }),
    ),
  );
}

const migrationsFolder = path.join(process.cwd(), "db", "migrations");

export function chooseDriver(url: string | undefined, explicit?: string): DriverName {
  if (explicit === "pglite" || explicit === "pg" || explicit === "neon") return explicit;
  if (!url) return "pglite";
  return new URL(url).hostname.endsWith(".neon.tech") ? "neon" : "pg";
}

export async function connectDatabase(opts: ConnectOptions): Promise<DatabaseHandle> {
  const driver = chooseDriver(opts.url, opts.driver);
  if (driver === "pglite") {
    // Loaded only here: PGlite is left out of Vercel's functions (it cannot run there), so
    // nothing on the path of a deployment with DATABASE_URL may import it.
    const [{ PGlite }, { drizzle: drizzlePglite }, { migrate: migratePglite }] = await Promise.all([
      import("@electric-sql/pglite"),
      import("drizzle-orm/pglite"),
      import("drizzle-orm/pglite/migrator"),
    ]);
    // PGlite does not create missing parents; the data may hold secrets, so only we may read it.
    if (opts.pgliteDir) fs.mkdirSync(opts.pgliteDir, { recursive: true, mode: 0o700 });
    const client = opts.pgliteDir ? new PGlite(opts.pgliteDir) : new PGlite();
    const db = drizzlePglite(client, { schema });
    let epoch = 0;
    await client.query("select set_config('opencto.notify_admission', 'on', false)");
    await client.listen("opencto_admission", () => {
      epoch += 1;
    });
    return {
      db: db as unknown as Database,
      driver,
      admissionEpoch: () => epoch,
      migrate: () => migratePglite(db, { migrationsFolder }),
      close: () => client.close(),
    };
  }
  if (!opts.url) throw new Error(`The ${driver} driver needs a DATABASE_URL`);
  if (driver === "neon") {
    neonConfig.webSocketConstructor = ws;
    if (opts.neonWsProxy) {
      const proxy = opts.neonWsProxy;
      neonConfig.wsProxy = (host, port) => `${proxy}/v1?address=${host}:${port}`;
      neonConfig.useSecureWebSocket = false;
      neonConfig.pipelineConnect = false;
      neonConfig.pipelineTLS = false;
    }
    const pool = new NeonPool({ connectionString: opts.url, ...poolTimeouts(opts) });
    watch(pool);
    attachDatabasePool(pool);
    const db = drizzleNeon(pool, { schema });
    return {
      db: db as unknown as Database,
      driver,
      admissionEpoch: null,
      migrate: () => withMigrationLock(pool, () => migrateNeon(db, { migrationsFolder })),
      close: () => pool.end(),
    };
  }
  const statementTimeout = opts.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS;
  const pool = new pg.Pool({
    connectionString: opts.url,
    max: opts.poolMax ?? 10,
    ...poolTimeouts(opts),
    // Notices a peer that vanished without closing (a failover, a dropped NAT entry).
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    ...(statementTimeout > 0 ? { statement_timeout: statementTimeout } : {}),
    idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_MS,
  });
  watch(pool);
  // On Vercel, keeps the function alive until idle connections are closed; a no-op elsewhere.
  attachDatabasePool(pool);
  const db = drizzlePg(pool, { schema });
  return {
    db: db as unknown as Database,
    driver,
    admissionEpoch: null,
    migrate: () => withMigrationLock(pool, () => migratePg(db, { migrationsFolder })),
    close: () => pool.end(),
  };
}

import "server-only";
import fs from "node:fs";
import path from "node:path";
import { neonConfig, Pool as NeonPool } from "@neondatabase/serverless";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzleNeon } from "drizzle-orm/neon-serverless";
import { migrate as migrateNeon } from "drizzle-orm/neon-serverless/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import ws from "ws";
import { withMigrationLock } from "./migration-lock";
import * as schema from "./schema";

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type DriverName = "pglite" | "pg" | "neon";

export interface DatabaseHandle {
  db: Database;
  driver: DriverName;
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
    return {
      db: db as unknown as Database,
      driver,
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
    const pool = new NeonPool({ connectionString: opts.url });
    const db = drizzleNeon(pool, { schema });
    return {
      db: db as unknown as Database,
      driver,
      migrate: () => withMigrationLock(pool, () => migrateNeon(db, { migrationsFolder })),
      close: () => pool.end(),
    };
  }
  const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolMax ?? 10 });
  const db = drizzlePg(pool, { schema });
  return {
    db: db as unknown as Database,
    driver,
    migrate: () => withMigrationLock(pool, () => migratePg(db, { migrationsFolder })),
    close: () => pool.end(),
  };
}

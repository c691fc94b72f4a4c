import "server-only";
import path from "node:path";
import { type ConnectOptions, connectDatabase, type DatabaseHandle } from "@/db/connect";
import { dataDir } from "@/lib/config/data-dir";
import { env, isEmbeddedMode } from "@/lib/config/env";
import { DatabaseOpenError } from "./unavailable";

export type { Database } from "@/db/connect";
export { databaseUnavailable, describeFailure, forPage, pageFailure, unlessDatabaseAway } from "./unavailable";

// One handle per process, kept on globalThis because Next.js may load this module more than once.
const holder = globalThis as unknown as { __openctoDb?: Promise<DatabaseHandle> };

/**
 * The database the configuration names: DATABASE_URL (+ DATABASE_DRIVER), else PGlite in DATA_DIR.
 * Migrations prefer the direct DATABASE_URL_UNPOOLED (their advisory lock needs a real session), may
 * run long and may wait for a waking database: the request-time limits do not apply to them.
 */
export function connectionFromEnv({ forMigrations = false } = {}): ConnectOptions {
  const config = env();
  return {
    url: (forMigrations && config.DATABASE_URL_UNPOOLED) || config.DATABASE_URL,
    driver: config.DATABASE_DRIVER,
    pgliteDir: isEmbeddedMode() ? path.join(dataDir(), "pglite") : undefined,
    neonWsProxy: config.NEON_WS_PROXY,
    poolMax: config.DATABASE_POOL_MAX,
    connectTimeoutMs: forMigrations ? 30_000 : config.DATABASE_CONNECT_TIMEOUT_MS,
    statementTimeoutMs: forMigrations ? 0 : config.DATABASE_STATEMENT_TIMEOUT_MS,
  };
}

async function open(): Promise<DatabaseHandle> {
  const handle = await connectDatabase(connectionFromEnv());
  // Embedded mode needs zero setup, so it applies migrations itself; deployments run `npm run db:migrate`.
  if (isEmbeddedMode()) await handle.migrate();
  return handle;
}

export async function getDatabaseHandle(): Promise<DatabaseHandle> {
  holder.__openctoDb ??= open().catch((error) => {
    holder.__openctoDb = undefined;
    // Whatever stops the database from opening (unreachable, a read-only DATA_DIR) makes it away.
    throw new DatabaseOpenError(error);
  });
  return holder.__openctoDb;
}

export async function getDb() {
  return (await getDatabaseHandle()).db;
}

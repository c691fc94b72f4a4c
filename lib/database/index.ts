import "server-only";
import path from "node:path";
import { type ConnectOptions, connectDatabase, type DatabaseHandle } from "@/db/connect";
import { dataDir } from "@/lib/config/data-dir";
import { env, isEmbeddedMode } from "@/lib/config/env";

export type { Database } from "@/db/connect";

// One handle per process, kept on globalThis because Next.js may load this module more than once.
const holder = globalThis as unknown as { __openctoDb?: Promise<DatabaseHandle> };

/**
 * The database the configuration names: DATABASE_URL (+ DATABASE_DRIVER), else PGlite in DATA_DIR.
 * Migrations prefer the direct DATABASE_URL_UNPOOLED: their advisory lock needs a real session.
 */
export function connectionFromEnv({ forMigrations = false } = {}): ConnectOptions {
  const config = env();
  return {
    url: (forMigrations && config.DATABASE_URL_UNPOOLED) || config.DATABASE_URL,
    driver: config.DATABASE_DRIVER,
    pgliteDir: isEmbeddedMode() ? path.join(dataDir(), "pglite") : undefined,
    neonWsProxy: config.NEON_WS_PROXY,
    poolMax: config.DATABASE_POOL_MAX,
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
    throw error;
  });
  return holder.__openctoDb;
}

export async function getDb() {
  return (await getDatabaseHandle()).db;
}

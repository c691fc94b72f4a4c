import "server-only";
import path from "node:path";
import { dataDir, isEmbeddedMode } from "@/lib/config/data-dir";
import { type ConnectOptions, connectDatabase, type Database, type DatabaseHandle, type DriverName } from "./connect";

export type { Database } from "./connect";

// One handle per process, kept on globalThis because Next.js may load this module more than once.
const holder = globalThis as unknown as { __openctoDb?: Promise<DatabaseHandle> };

/** The database the environment names: DATABASE_URL (+ DATABASE_DRIVER), else PGlite in DATA_DIR. */
export function connectionFromEnv(): ConnectOptions {
  return {
    url: process.env.DATABASE_URL,
    driver: process.env.DATABASE_DRIVER as DriverName | undefined,
    pgliteDir: isEmbeddedMode() ? path.join(dataDir(), "pglite") : undefined,
    neonWsProxy: process.env.NEON_WS_PROXY,
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

export async function getDb(): Promise<Database> {
  return (await getDatabaseHandle()).db;
}

import fs from "node:fs";
import path from "node:path";
import { dataDir, isEmbeddedMode } from "@/lib/config/data-dir";
import { connectDatabase, type Database, type DatabaseHandle } from "./connect";

export type { Database } from "./connect";

// One handle per process, kept on globalThis because Next.js may load this module more than once.
const holder = globalThis as unknown as { __openctoDb?: Promise<DatabaseHandle> };

async function open(): Promise<DatabaseHandle> {
  const embedded = isEmbeddedMode();
  // PGlite cannot create its directory's parent; with secrets from env nothing else creates DATA_DIR.
  if (embedded) fs.mkdirSync(dataDir(), { recursive: true, mode: 0o700 });
  const handle = await connectDatabase({
    url: process.env.DATABASE_URL,
    driver: process.env.DATABASE_DRIVER as DatabaseHandle["driver"] | undefined,
    pgliteDir: embedded ? path.join(dataDir(), "pglite") : undefined,
    neonWsProxy: process.env.NEON_WS_PROXY,
  });
  // Embedded mode needs zero setup, so it applies migrations itself; deployments run `npm run db:migrate`.
  if (embedded) await handle.migrate();
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

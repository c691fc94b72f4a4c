/** What both pools hand out: a session we can hold a lock on. */
interface LockablePool {
  connect(): Promise<{ query(sql: string, params?: unknown[]): Promise<unknown>; release(): void }>;
}

/** One fixed key for "OpenCTO migrations", whatever the database; an arbitrary constant. */
export const MIGRATION_LOCK_KEY = 7_040_318_211;

/**
 * Runs `migrate` while holding a session-level advisory lock on a connection of its own, so two
 * builds (or a build and `npm run db:migrate`) migrating the same database take turns: the second
 * waits, then finds nothing left to apply. Session locks need a direct connection, not a
 * transaction-mode pooler: hence DATABASE_URL_UNPOOLED for migrations.
 */
export async function withMigrationLock<T>(pool: LockablePool, migrate: () => Promise<T>): Promise<T> {
  const session = await pool.connect();
  try {
    await session.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    try {
      return await migrate();
    } finally {
      await session.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
    }
  } finally {
    session.release();
  }
}

import { sql } from "drizzle-orm";
import type { Database } from "./connect";

// A production build records which database it migrated; a preview build compares that record
// with the database it was given. A Neon branch (or any copy) carries the record along, but
// is a different database: a different Neon timeline, Postgres cluster or database name.
// Kept beside drizzle's own bookkeeping (schema "drizzle"), not in the app's schema.

const rows = <T>(result: unknown) => (result as { rows: T[] }).rows;

/** Names this database: Neon's timeline (one per branch), the cluster's system identifier, the database. */
export async function databaseIdentity(db: Database): Promise<string> {
  const result = await db.execute(sql`
    select coalesce(current_setting('neon.timeline_id', true), '-') || '/' || system_identifier::text || '/' || current_database() as identity
    from pg_control_system()`);
  const identity = rows<{ identity: string }>(result)[0]?.identity;
  if (!identity) throw new Error("could not tell which database this is");
  return identity;
}

export async function recordProductionDatabase(db: Database): Promise<void> {
  const identity = await databaseIdentity(db);
  await db.execute(sql`create schema if not exists drizzle`);
  await db.execute(sql`create table if not exists drizzle.opencto_production_database (
    only_row boolean primary key default true check (only_row),
    identity text not null,
    recorded_at timestamptz not null default now())`);
  await db.execute(sql`insert into drizzle.opencto_production_database (identity) values (${identity})
    on conflict (only_row) do update set identity = excluded.identity, recorded_at = now()`);
}

/** The identity the last production build recorded here, or null when none did. */
export async function recordedProductionDatabase(db: Database): Promise<string | null> {
  const present = await db.execute(sql`select to_regclass('drizzle.opencto_production_database') is not null as present`);
  if (!rows<{ present: boolean }>(present)[0]?.present) return null;
  const result = await db.execute(sql`select identity from drizzle.opencto_production_database`);
  return rows<{ identity: string }>(result)[0]?.identity ?? null;
}

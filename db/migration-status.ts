import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { Database } from "./connect";

interface JournalEntry {
  tag: string;
  when: number;
}

export interface SchemaStatus {
  /** The newest migration applied to this database, or null for an empty one. */
  version: string | null;
  /** Migrations in db/migrations not yet applied, oldest first. */
  pending: string[];
}

const journalFile = () => path.join(process.cwd(), "db", "migrations", "meta", "_journal.json");

/**
 * Compares db/migrations with drizzle's record in the database: drizzle applies every migration
 * newer than the last one it recorded, so those are what is pending.
 */
export async function schemaStatus(db: Database): Promise<SchemaStatus> {
  const entries = (JSON.parse(fs.readFileSync(journalFile(), "utf8")) as { entries: JournalEntry[] }).entries;
  const table = await db.execute<{ present: boolean }>(sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`);
  let lastApplied = -1;
  if ((table as unknown as { rows: { present: boolean }[] }).rows[0]?.present) {
    const result = await db.execute<{ last: string | null }>(sql`select max(created_at)::text as last from drizzle.__drizzle_migrations`);
    lastApplied = Number((result as unknown as { rows: { last: string | null }[] }).rows[0]?.last ?? -1);
  }
  const applied = entries.filter((e) => e.when <= lastApplied);
  return { version: applied.at(-1)?.tag ?? null, pending: entries.filter((e) => e.when > lastApplied).map((e) => e.tag) };
}

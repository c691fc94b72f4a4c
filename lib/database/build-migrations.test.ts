import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDatabase, type DatabaseHandle } from "@/db/connect";
import { recordProductionDatabase } from "@/db/production-marker";
import { ADMIN_URL, createScratchDatabase, postgresReachable } from "@/test-support/postgres";
import { planBuildMigrations } from "./build-migrations";

const reachable = await postgresReachable();
if (!reachable && process.env.CI === "true") throw new Error("PostgreSQL at 127.0.0.1:5432 is not reachable — not allowed under CI=true.");

const PREVIEW = { VERCEL: "1", VERCEL_ENV: "preview" };

async function adminQuery(statement: string) {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(statement);
  await admin.end();
}

describe.runIf(reachable)("which builds migrate", () => {
  let production: Awaited<ReturnType<typeof createScratchDatabase>>;
  let branchName: string | undefined;
  const handles: DatabaseHandle[] = [];
  const closeAll = async () => {
    await Promise.all(handles.splice(0).map((h) => h.close()));
  };
  const open = async (url: string) => {
    const handle = await connectDatabase({ url });
    handles.push(handle);
    return handle;
  };

  beforeAll(async () => {
    production = await createScratchDatabase();
  });
  afterAll(async () => {
    await closeAll();
    await production.drop();
    if (branchName) await adminQuery(`drop database if exists ${branchName} with (force)`);
  });

  it("outside Vercel and for Vercel production: always; a preview on a database nobody recorded: skipped, saying why", async () => {
    const db = (await open(production.url)).db;
    expect(await planBuildMigrations(db, {})).toMatchObject({ migrate: true, recordProduction: false });
    expect(await planBuildMigrations(db, { VERCEL: "1", VERCEL_ENV: "production" })).toMatchObject({
      migrate: true,
      recordProduction: true,
    });
    const preview = await planBuildMigrations(db, PREVIEW);
    expect(preview.migrate).toBe(false);
    expect(preview.message).toMatch(/^Vercel preview build: migrations SKIPPED — .*Neon's Vercel integration/);
  });

  it("a preview sharing production's database skips; a branch of it (a copy carrying the record) migrates", async () => {
    const prod = await open(production.url);
    await prod.migrate();
    await recordProductionDatabase(prod.db);
    const shared = await planBuildMigrations(prod.db, PREVIEW);
    expect(shared).toMatchObject({ migrate: false });
    expect(shared.message).toContain("DATABASE_URL is the production database");

    // A branch: Postgres copies a database only while nobody is connected to it.
    await closeAll();
    const productionName = new URL(production.url).pathname.slice(1);
    branchName = `${productionName}_branch`;
    await adminQuery(`create database ${branchName} template ${productionName}`);
    const url = new URL(production.url);
    url.pathname = `/${branchName}`;
    const branch = await open(url.toString());
    expect(await planBuildMigrations(branch.db, PREVIEW)).toMatchObject({ migrate: true, recordProduction: false });
  });
});

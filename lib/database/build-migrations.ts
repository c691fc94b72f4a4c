import type { Database } from "@/db/connect";
import { databaseIdentity, recordedProductionDatabase } from "@/db/production-marker";
import { vercelPlatform } from "@/lib/config/env";

export interface BuildMigrationPlan {
  migrate: boolean;
  /** A production build records its database, so that previews can tell it from their own. */
  recordProduction: boolean;
  /** One line for the build log: what happens and, when skipped, what the admin should do. */
  message: string;
}

const FIX =
  "Give previews a database of their own (Neon's Vercel integration, a branch per preview; README, “Deploying on Vercel with Neon”) and redeploy, or run `npm run db:migrate` against that database yourself.";

/**
 * Whether `npm run build` applies migrations: always outside Vercel and for Vercel production;
 * for any other Vercel build only when its database is provably not production's, i.e. it
 * carries production's record but is a different database (a Neon branch). Unsure → skip.
 */
export async function planBuildMigrations(
  db: Database,
  raw: Record<string, string | undefined> = process.env,
): Promise<BuildMigrationPlan> {
  const { onVercel, environment } = vercelPlatform(raw);
  if (!onVercel) return { migrate: true, recordProduction: false, message: "applying migrations" };
  if (environment === "production")
    return { migrate: true, recordProduction: true, message: "Vercel production build: applying migrations" };
  const label = `Vercel ${environment ?? "preview"} build`;
  let current: string;
  let production: string | null;
  try {
    [current, production] = await Promise.all([databaseIdentity(db), recordedProductionDatabase(db)]);
  } catch {
    return {
      migrate: false,
      recordProduction: false,
      message: `${label}: migrations SKIPPED — could not identify DATABASE_URL's database. ${FIX}`,
    };
  }
  if (production === null)
    return {
      migrate: false,
      recordProduction: false,
      message: `${label}: migrations SKIPPED — DATABASE_URL is not a branch of the production database (no production build recorded itself there), so it may be production itself. ${FIX}`,
    };
  if (production === current)
    return {
      migrate: false,
      recordProduction: false,
      message: `${label}: migrations SKIPPED — DATABASE_URL is the production database. ${FIX}`,
    };
  return {
    migrate: true,
    recordProduction: false,
    message: `${label}: DATABASE_URL is a branch of the production database: applying migrations to it`,
  };
}

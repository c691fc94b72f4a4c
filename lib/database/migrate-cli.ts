// `npm run db:migrate` (also run by `npm start` with DATABASE_URL set, and by `npm run build` with
// --build, where a Vercel preview migrates only a database of its own: see build-migrations.ts).
import "@/lib/config/load-env-files";
import { connectDatabase } from "@/db/connect";
import { recordProductionDatabase } from "@/db/production-marker";
import { exitOnConfigurationProblems } from "@/lib/config/env";
import { planBuildMigrations } from "./build-migrations";
import { connectionFromEnv } from "./index";

exitOnConfigurationProblems("build");
const handle = await connectDatabase(connectionFromEnv({ forMigrations: true }));
try {
  const plan = process.argv.includes("--build") ? await planBuildMigrations(handle.db) : undefined;
  if (plan) console.log(`[opencto] ${plan.message}`);
  if (!plan || plan.migrate) {
    await handle.migrate();
    // Production is migrated by now: a failed record only makes previews skip, so it must not fail the build.
    if (plan?.recordProduction)
      await recordProductionDatabase(handle.db).catch((error: Error) =>
        console.warn(`[opencto] could not record the production database (${error.message}): preview builds will skip migrations`),
      );
    console.log(`migrations applied (${handle.driver})`);
  }
} finally {
  await handle.close();
}

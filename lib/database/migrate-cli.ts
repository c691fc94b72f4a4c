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
    if (plan?.recordProduction) await recordProductionDatabase(handle.db);
    console.log(`migrations applied (${handle.driver})`);
  }
} finally {
  await handle.close();
}

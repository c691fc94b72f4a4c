// Production build; with DATABASE_URL set it applies migrations first, except on a Vercel build
// whose database may be production's (a preview without a branch of its own): see
// lib/database/build-migrations.ts.
import { loadProjectEnv } from "./env.mjs";
import { bin, runOrExit, serverScript } from "./run.mjs";

loadProjectEnv();
process.env.NEXT_TELEMETRY_DISABLED = "1";
if (process.env.DATABASE_URL) await runOrExit(...serverScript("lib/database/migrate-cli.ts", "--build"));
await runOrExit(bin("next"), ["build"]);

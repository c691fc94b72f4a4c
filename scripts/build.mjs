// Production build; deployments (DATABASE_URL set, e.g. Vercel + Neon) also apply migrations here.
import { loadProjectEnv } from "./env.mjs";
import { bin, runOrExit } from "./run.mjs";

loadProjectEnv();
process.env.NEXT_TELEMETRY_DISABLED = "1";
if (process.env.DATABASE_URL) await runOrExit(bin("tsx"), ["lib/database/migrate-cli.ts"]);
await runOrExit(bin("next"), ["build"]);

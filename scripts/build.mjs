// Production build; deployments (DATABASE_URL set, e.g. Vercel + Neon) also apply migrations here.
import { loadProjectEnv } from "./env.mjs";
import { bin, runOrExit, serverScript } from "./run.mjs";

loadProjectEnv();
process.env.NEXT_TELEMETRY_DISABLED = "1";
if (process.env.DATABASE_URL) await runOrExit(...serverScript("lib/database/migrate-cli.ts"));
await runOrExit(bin("next"), ["build"]);

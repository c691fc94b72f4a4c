// `npm start`: builds on first run, applies migrations for an external database, then serves.
import fs from "node:fs";
import { loadProjectEnv } from "./env.mjs";
import { bin, runOrExit, serverScript } from "./run.mjs";

loadProjectEnv();
process.env.NEXT_TELEMETRY_DISABLED = "1";
if (!fs.existsSync(".next/BUILD_ID")) {
  console.log("[opencto] no production build yet: building once (about a minute)…");
  await runOrExit(process.execPath, ["scripts/build.mjs"]);
} else if (process.env.DATABASE_URL) {
  await runOrExit(...serverScript("lib/database/migrate-cli.ts"));
}
await runOrExit(bin("next"), ["start", "-p", process.env.PORT || "3000", ...process.argv.slice(2)]);

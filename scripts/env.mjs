// Loads .env.production.local, .env.local, .env.production and .env exactly as `next start` and
// `next build` do, so a script sees the same configuration as the server it prepares.
import nextEnv from "@next/env";

export function loadProjectEnv() {
  nextEnv.loadEnvConfig(process.cwd(), false, { info: () => {}, error: console.error });
}

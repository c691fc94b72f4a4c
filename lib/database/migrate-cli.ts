// `npm run db:migrate` (also run by `npm run build` and `npm start` with DATABASE_URL set).
import "@/lib/config/load-env-files";
import { connectDatabase } from "@/db/connect";
import { exitOnConfigurationProblems } from "@/lib/config/env";
import { connectionFromEnv } from "./index";

exitOnConfigurationProblems("build");
// Migrations may run long and may wait for a waking database: the request-time limits do not apply.
const handle = await connectDatabase({ ...connectionFromEnv(), connectTimeoutMs: 30_000, statementTimeoutMs: 0 });
await handle.migrate();
await handle.close();
console.log(`migrations applied (${handle.driver})`);

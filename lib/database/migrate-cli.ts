// `npm run db:migrate` (also run by `npm run build` and `npm start` with DATABASE_URL set).
import "@/lib/config/load-env-files";
import { connectDatabase } from "@/db/connect";
import { exitOnConfigurationProblems } from "@/lib/config/env";
import { connectionFromEnv } from "./index";

exitOnConfigurationProblems("build");
const handle = await connectDatabase(connectionFromEnv());
await handle.migrate();
await handle.close();
console.log(`migrations applied (${handle.driver})`);

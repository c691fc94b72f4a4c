import path from "node:path";
import { dataDir } from "@/lib/config/data-dir";
import { connectDatabase } from "./connect";

const url = process.env.DATABASE_URL;
const handle = await connectDatabase({
  url,
  driver: process.env.DATABASE_DRIVER as "pglite" | "pg" | "neon" | undefined,
  pgliteDir: url ? undefined : path.join(dataDir(), "pglite"),
  neonWsProxy: process.env.NEON_WS_PROXY,
});
await handle.migrate();
await handle.close();
console.log(`migrations applied (${handle.driver})`);

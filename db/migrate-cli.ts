import { connectDatabase } from "./connect";
import { connectionFromEnv } from "./index";

const handle = await connectDatabase(connectionFromEnv());
await handle.migrate();
await handle.close();
console.log(`migrations applied (${handle.driver})`);

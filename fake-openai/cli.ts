import { parseArgs } from "node:util";
import { startFakeOpenAI } from "./index";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "4010" },
    host: { type: "string", default: "127.0.0.1" },
    seed: { type: "string" },
    transcript: { type: "string" },
    "revoked-key": { type: "string", multiple: true },
    quiet: { type: "boolean", default: false },
  },
});

const fake = await startFakeOpenAI({
  port: Number(values.port),
  host: values.host,
  ...(values.seed !== undefined ? { seed: Number(values.seed) } : {}),
  ...(values.transcript !== undefined ? { transcript: values.transcript } : {}),
  ...(values["revoked-key"] ? { revokedKeys: values["revoked-key"] } : {}),
  log: !values.quiet,
});
console.log(`fake-openai listening on ${fake.url}`);

const shutdown = () => void fake.close().then(() => process.exit(0));
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);

import { parseArgs } from "node:util";
import { scaledDataset, startFakeOpenAI } from "./index";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "4010" },
    host: { type: "string", default: "127.0.0.1" },
    seed: { type: "string" },
    transcript: { type: "string" },
    "revoked-key": { type: "string", multiple: true },
    quiet: { type: "boolean", default: false },
    // A larger organisation's usage, e.g. --usage-models 20 --usage-projects 10 (bench/usage-render.mjs).
    "usage-models": { type: "string" },
    "usage-projects": { type: "string" },
  },
});

const fake = await startFakeOpenAI({
  port: Number(values.port),
  host: values.host,
  ...(values.seed !== undefined ? { seed: Number(values.seed) } : {}),
  ...(values.transcript !== undefined ? { transcript: values.transcript } : {}),
  ...(values["revoked-key"] ? { revokedKeys: values["revoked-key"] } : {}),
  ...(values["usage-models"] || values["usage-projects"]
    ? { usage: scaledDataset(Number(values["usage-models"] ?? 4), Number(values["usage-projects"] ?? 2)) }
    : {}),
  log: !values.quiet,
});
console.log(`fake-openai listening on ${fake.url}`);

const shutdown = () => void fake.close().then(() => process.exit(0));
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);

// `npm run demo`: the offline OpenAI double plus the dashboard wired to it, with a demo user.
// Nothing leaves this machine; the server's fallback keys are fake ones the double accepts.
import { DEMO_USER, startDemoStack } from "./demo-stack.mjs";

const appPort = process.env.PORT || "3000";
const { children, stop } = await startDemoStack({
  appPort,
  fakePort: process.env.FAKE_OPENAI_PORT || "4010",
  dataDir: process.env.DATA_DIR || ".data-demo",
});
console.log(`\n[demo] dashboard: http://localhost:${appPort}  ·  sign in as ${DEMO_USER.email} / ${DEMO_USER.password}\n`);
const exit = () => {
  stop();
  process.exit(0);
};
process.on("SIGINT", exit);
process.on("SIGTERM", exit);
for (const child of children) child.on("exit", exit);

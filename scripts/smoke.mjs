// `npm run smoke -- https://your-deployment --email you@example.com --password '…'`
// Checks a running deployment as a signed-in member would use it: health (database, schema),
// sign-in, a Realtime client secret, the models and usage proxies. One PASS/FAIL line per check;
// exit code 0 only when every check passed. Never prints a secret. The account's workspace needs
// an OpenAI API key and an Admin key (saved in Settings → API keys, or the server's fallbacks).
import { parseArgs } from "node:util";
import { signIn } from "./sign-in.mjs";

const usage = "usage: npm run smoke -- <url> --email <email> --password <password>";
let args;
try {
  args = parseArgs({ allowPositionals: true, options: { email: { type: "string" }, password: { type: "string" } } });
} catch (error) {
  console.error(`${error.message}\n${usage}`);
  process.exit(2);
}
const [base] = args.positionals;
const { email, password } = args.values;
if (!base || !email || !password || !URL.canParse(base)) {
  console.error(usage);
  process.exit(2);
}
const appUrl = base.replace(/\/+$/, "");
const TIMEOUT_MS = 20_000;
let cookie;
let failures = 0;

/** Runs one check: it returns a short description of what it saw, or throws why it failed. */
async function check(name, run) {
  try {
    console.log(`PASS  ${name}: ${await run()}`);
  } catch (error) {
    failures += 1;
    console.log(`FAIL  ${name}: ${error.message}`);
  }
}

async function call(path, init = {}) {
  const res = await fetch(`${appUrl}${path}`, {
    ...init,
    redirect: "manual",
    signal: AbortSignal.timeout(TIMEOUT_MS),
    headers: { origin: appUrl, ...(cookie ? { cookie } : {}), ...init.headers },
  });
  const text = await res.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (!res.ok) throw new Error(`${res.status} ${body?.code ?? ""} ${body?.error ?? text.slice(0, 120)}`.replace(/\s+/g, " ").trim());
  return body;
}

const signedIn = () => {
  if (!cookie) throw new Error("skipped: not signed in");
};

await check("health", async () => {
  const res = await fetch(`${appUrl}/api/health`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  const body = await res.json().catch(() => undefined);
  if (body?.database?.status !== "ok") throw new Error(`${res.status}, database ${body?.database?.status ?? "unknown"}`);
  const pending = body.schema?.pending ?? [];
  if (pending.length > 0)
    throw new Error(
      `schema ${body.schema.version ?? "empty"}, ${pending.length} migration(s) pending: ${pending.join(", ")} — run npm run db:migrate`,
    );
  if (res.status !== 200) throw new Error(`${res.status} ${body.status}`);
  return `database ok (${body.database.driver}, ${body.database.latencyMs} ms), schema ${body.schema.version}, no pending migrations`;
});

await check("sign in", async () => {
  cookie = await signIn(appUrl, { email, password });
  const { workspace } = await call("/api/v1/workspace");
  return `session works, workspace “${workspace.name}”`;
});

await check("realtime token", async () => {
  signedIn();
  const body = await call("/api/v1/realtime/token", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
  if (typeof body?.clientSecret !== "string" || body.clientSecret.length === 0) throw new Error("200 without a client secret");
  return `client secret minted for ${body.model}, expires ${body.expiresAt}`;
});

await check("models proxy", async () => {
  signedIn();
  const body = await call("/api/v1/cto/openai/models");
  if (!Array.isArray(body?.models) || body.models.length === 0) throw new Error("200 without models");
  return `${body.models.length} models`;
});

await check("usage proxy", async () => {
  signedIn();
  const end = new Date();
  const start = new Date(end.getTime() - 6 * 86_400_000);
  const day = (d) => d.toISOString().slice(0, 10);
  const body = await call(`/api/v1/cto/openai/usage?start=${day(start)}&end=${day(end)}`);
  if (!body?.totals) throw new Error("200 without totals");
  return `7 days: ${body.totals.requests} requests, $${body.totals.costUsd}`;
});

console.log(failures === 0 ? "smoke: all checks passed" : `smoke: ${failures} check(s) failed`);
process.exit(failures === 0 ? 0 : 1);

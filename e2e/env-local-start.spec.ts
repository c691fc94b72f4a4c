import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { createScratchDatabase } from "../test-support/postgres";
import { startAppServer } from "./support/app-server";
import { ENV_LOCAL_PORT } from "./support/env";

const PORT = ENV_LOCAL_PORT;
const ROOT = process.cwd();

// `npm start` in a checkout whose DATABASE_URL lives only in .env.local (as .env.example suggests):
// the start script must read .env.local as Next does, so it migrates the database Next connects to.
test("npm start with DATABASE_URL in .env.local migrates before it serves", async () => {
  test.setTimeout(150_000);
  const scratch = await createScratchDatabase();
  const checkout = fs.mkdtempSync(path.join(os.tmpdir(), "opencto-env-local-"));
  for (const entry of fs.readdirSync(ROOT))
    if (!/^\.(env|data|git$)/.test(entry)) fs.symlinkSync(path.join(ROOT, entry), path.join(checkout, entry));
  fs.writeFileSync(
    path.join(checkout, ".env.local"),
    [
      `DATABASE_URL=${scratch.url}`,
      `AUTH_SECRET=${"s".repeat(40)}`,
      `ENCRYPTION_KEYS=v1:${Buffer.alloc(32, 7).toString("base64")}`,
      `PORT=${PORT}`,
    ].join("\n"),
  );
  const app = await startAppServer({ port: PORT, cwd: checkout, env: {}, command: [process.execPath, "scripts/start.mjs"] });
  try {
    const health = await (await fetch(`${app.url}/api/health`)).json();
    expect(health).toMatchObject({ status: "ok", database: { status: "ok", driver: "pg" }, schema: { pending: [] } });
    expect(app.output()).toContain("migrations applied (pg)");
    const client = new pg.Client({ connectionString: scratch.url });
    await client.connect();
    const { rows } = await client.query("select count(*)::int as n from users");
    await client.end();
    expect(rows).toEqual([{ n: 0 }]);
  } finally {
    await app.stop();
    fs.rmSync(checkout, { recursive: true, force: true });
    await scratch.drop();
  }
});

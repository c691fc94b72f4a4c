import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScratchDatabase, postgresReachable } from "@/test-support/postgres";

// `vercel build` exactly as Vercel runs it for a preview deploy, offline: a hand-written
// .vercel/project.json and .vercel/.env.preview.local (what `vercel pull` would write) in a copy
// of the repository, so the checkout's own .next is left alone.

const reachable = await postgresReachable();
if (!reachable && process.env.CI === "true") throw new Error("PostgreSQL at 127.0.0.1:5432 is not reachable — not allowed under CI=true.");

const ROOT = path.resolve(import.meta.dirname, "..");
const MAX_FUNCTION_BYTES = 50 * 1024 * 1024;

/** The repository's files (tracked and new, not ignored) plus node_modules as hard links: about a second. */
function copyRepository(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "opencto-vercel-build-"));
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: ROOT, encoding: "utf8" });
  for (const file of files.split("\0").filter(Boolean)) {
    if (!fs.existsSync(path.join(ROOT, file))) continue; // deleted in the work tree
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.copyFileSync(path.join(ROOT, file), path.join(dir, file));
  }
  try {
    execFileSync("cp", ["-al", path.join(ROOT, "node_modules"), dir]);
  } catch {
    execFileSync("cp", ["-a", path.join(ROOT, "node_modules"), dir]); // another file system: a real copy
  }
  fs.mkdirSync(path.join(dir, ".vercel"));
  fs.writeFileSync(
    path.join(dir, ".vercel", "project.json"),
    JSON.stringify({ projectId: "prj_opencto_ci", orgId: "team_opencto_ci", settings: { framework: "nextjs", installCommand: "true" } }),
  );
  return dir;
}

interface BuildResult {
  code: number;
  output: string;
}

function vercelBuild(dir: string, variables: Record<string, string>): Promise<BuildResult> {
  fs.writeFileSync(
    path.join(dir, ".vercel", ".env.preview.local"),
    Object.entries({ VERCEL_ENV: "preview", ...variables })
      .map(([k, v]) => `${k}=${v}`)
      .join("\n"),
  );
  // A minimal environment: nothing of the developer's own configuration, no telemetry, no update check.
  const env: NodeJS.ProcessEnv = {
    NODE_ENV: "production",
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? dir,
    VERCEL_TELEMETRY_DISABLED: "1",
    NEXT_TELEMETRY_DISABLED: "1",
    NO_UPDATE_NOTIFIER: "1",
  };
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(dir, "node_modules", ".bin", "vercel"), ["build", "--yes"], { cwd: dir, env });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code: code ?? 1, output }));
  });
}

interface BuiltFunction {
  name: string;
  bytes: number;
  files: string[];
}

/** Regular files and folders under `folder`; symbolic links are other routes served by the same function. */
function entries(folder: string) {
  return fs
    .readdirSync(folder, { withFileTypes: true })
    .filter((e) => !e.isSymbolicLink())
    .map((e) => ({ entry: e, full: path.join(folder, e.name) }));
}

const filesUnder = (folder: string): string[] =>
  entries(folder).flatMap(({ entry, full }) => (entry.isDirectory() ? filesUnder(full) : [full]));

const functionsUnder = (folder: string): string[] =>
  entries(folder)
    .filter(({ entry }) => entry.isDirectory())
    .flatMap(({ entry, full }) => (entry.name.endsWith(".func") ? [full] : functionsUnder(full)));

/** Each function of .vercel/output: its own files plus those a local build maps in (filePathMap). */
function builtFunctions(dir: string): BuiltFunction[] {
  const root = path.join(dir, ".vercel", "output", "functions");
  return functionsUnder(root).map((func) => {
    const files = new Map(filesUnder(func).map((file) => [path.relative(func, file), file]));
    const config = JSON.parse(fs.readFileSync(path.join(func, ".vc-config.json"), "utf8")) as { filePathMap?: Record<string, string> };
    for (const [inFunction, source] of Object.entries(config.filePathMap ?? {})) files.set(inFunction, path.join(dir, source));
    const bytes = [...files.values()].reduce((sum, file) => sum + fs.statSync(file).size, 0);
    return { name: path.relative(root, func), bytes, files: [...files.keys()] };
  });
}

describe.runIf(reachable)("vercel build (offline, VERCEL_ENV=preview)", () => {
  let dir: string;
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let secrets: Record<string, string>;

  beforeAll(async () => {
    dir = copyRepository();
    scratch = await createScratchDatabase();
    secrets = {
      DATABASE_URL: scratch.url,
      AUTH_SECRET: randomBytes(32).toString("base64"),
      ENCRYPTION_KEYS: `v1:${randomBytes(32).toString("base64")}`,
    };
  });
  afterAll(async () => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    await scratch?.drop();
  });

  for (const missing of ["DATABASE_URL", "AUTH_SECRET", "ENCRYPTION_KEYS"]) {
    it(`fails without ${missing}, with one line naming it`, async () => {
      const { [missing]: _, ...rest } = secrets;
      const { code, output } = await vercelBuild(dir, rest);
      expect(code).not.toBe(0);
      const errors = output.split("\n").filter((line) => line.includes("configuration error"));
      expect(errors).toEqual([
        expect.stringMatching(new RegExp(`^\\[opencto\\] configuration error: ${missing} — expected .*required on Vercel`)),
      ]);
      expect(fs.existsSync(path.join(dir, ".vercel", "output", "functions"))).toBe(false);
    });
  }

  it("builds every function under 50 MB, none with PGlite, and leaves a database that is not a branch unmigrated", async () => {
    const started = Date.now();
    const { code, output } = await vercelBuild(dir, secrets);
    if (code !== 0) console.error(output);
    expect(code).toBe(0);
    console.log(`[vercel build] ${((Date.now() - started) / 1000).toFixed(0)} s`);

    expect(output).toContain("[opencto] Vercel preview build: migrations SKIPPED");
    const db = new pg.Client({ connectionString: scratch.url });
    await db.connect();
    const { rows } = await db.query("select count(*)::int as n from information_schema.tables where table_schema in ('public', 'drizzle')");
    await db.end();
    expect(rows[0].n).toBe(0);

    const functions = builtFunctions(dir);
    for (const f of functions) console.log(`[vercel build] ${f.name}: ${(f.bytes / 1e6).toFixed(1)} MB, ${f.files.length} files`);
    expect(functions.length).toBeGreaterThan(0);
    expect(functions.filter((f) => f.bytes > MAX_FUNCTION_BYTES).map((f) => f.name)).toEqual([]);
    expect(functions.flatMap((f) => f.files.filter((file) => file.includes("@electric-sql/pglite")))).toEqual([]);
    expect(functions.some((f) => f.files.some((file) => file.endsWith(path.join("db", "migrations", "meta", "_journal.json"))))).toBe(true);
  }, 600_000);
});

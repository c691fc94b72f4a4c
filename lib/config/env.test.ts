import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { configurationProblems, parseEnv, VARIABLES } from "./env";
import { envExampleText } from "./env-example";

const ROOT = path.resolve(import.meta.dirname, "../..");
const NAMES = Object.keys(VARIABLES).sort();
const V1 = `v1:${Buffer.alloc(32, 1).toString("base64")}`;

describe("configuration", () => {
  it(".env.example is what lib/config/env.ts generates (run `npm run env:example` after a change)", () => {
    expect(fs.readFileSync(path.join(ROOT, ".env.example"), "utf8")).toBe(envExampleText());
  });

  it("the README's table names exactly the variables the app reads", () => {
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## Configuration"), readme.indexOf("\n## ", readme.indexOf("## Configuration") + 5));
    const rows = section.split("\n").filter((line) => line.startsWith("| `"));
    const named = [...new Set(rows.flatMap((row) => [...(row.split(" | ")[0] ?? "").matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1])))];
    expect(named.sort()).toEqual(NAMES);
  });

  it("types and defaults every variable; empty means unset", () => {
    const { env, problems } = parseEnv({ DATABASE_URL: "", RATE_LIMIT_REALTIME_PER_MINUTE: "7", AUTH_TRUST_HOST: "false" });
    expect(problems).toEqual([]);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.RATE_LIMIT_REALTIME_PER_MINUTE).toBe(7);
    expect(env.RATE_LIMIT_CTO_OPENAI_PER_MINUTE).toBe(90);
    expect(env.AUTH_TRUST_HOST).toBe(false);
    expect(env.OPENAI_BASE_URL).toBe(VARIABLES.OPENAI_BASE_URL.default);
  });

  it("refuses bad formats by naming the variable and what it expects, never the value", () => {
    const raw = {
      ENCRYPTION_KEYS: "v1:not-base64",
      DATABASE_URL: "mysql://secret-host/db",
      OPENAI_TIMEOUT_MS: "soon",
      DATABASE_DRIVER: "sqlite",
    };
    const { problems } = parseEnv(raw);
    expect(problems.map((p) => p.variable).sort()).toEqual(["DATABASE_DRIVER", "DATABASE_URL", "ENCRYPTION_KEYS", "OPENAI_TIMEOUT_MS"]);
    const text = JSON.stringify(problems);
    for (const value of Object.values(raw)) expect(text).not.toContain(value);
    expect(parseEnv({ ENCRYPTION_KEYS: `v2:${Buffer.alloc(32, 2).toString("base64")},${V1}` }).problems).toEqual([]);
    expect(parseEnv({ ENCRYPTION_KEYS: `${V1},${V1}` }).problems.map((p) => p.variable)).toEqual(["ENCRYPTION_KEYS"]);
  });

  it("AUTH_REDIRECT_PROXY_URL must name the stable deployment's Auth.js base path, where provider callbacks land", () => {
    const problems = (value: string) => parseEnv({ AUTH_REDIRECT_PROXY_URL: value }).problems.map((p) => p.variable);
    expect(problems("https://auth-preview.example.com/api/auth")).toEqual([]);
    expect(parseEnv({ AUTH_REDIRECT_PROXY_URL: "https://auth-preview.example.com/api/auth/" }).env.AUTH_REDIRECT_PROXY_URL).toBe(
      "https://auth-preview.example.com/api/auth",
    );
    expect(problems("https://auth-preview.example.com")).toEqual(["AUTH_REDIRECT_PROXY_URL"]);
    expect(problems("auth-preview.example.com/api/auth")).toEqual(["AUTH_REDIRECT_PROXY_URL"]);
  });

  it("requires the secrets with DATABASE_URL at start, and a database and secrets on Vercel at build", () => {
    expect(configurationProblems("build", {})).toEqual([]);
    expect(configurationProblems("server", { DATABASE_URL: "postgres://db/x" }).map((p) => p.variable)).toEqual([
      "AUTH_SECRET",
      "ENCRYPTION_KEYS",
    ]);
    expect(configurationProblems("build", { VERCEL: "1" }).map((p) => p.variable)).toEqual([
      "DATABASE_URL",
      "AUTH_SECRET",
      "ENCRYPTION_KEYS",
    ]);
    expect(
      configurationProblems("build", { VERCEL: "1", DATABASE_URL: "postgres://db/x", AUTH_SECRET: "s".repeat(32), ENCRYPTION_KEYS: V1 }),
    ).toEqual([]);
  });

  it("domain sign-up needs its domains, parsed lower-case; other modes do not", () => {
    expect(configurationProblems("server", { SIGNUP_MODE: "domain" })).toEqual([
      { variable: "SIGNUP_DOMAINS", expected: expect.stringContaining("required with SIGNUP_MODE=domain") },
    ]);
    expect(configurationProblems("server", { SIGNUP_MODE: "open" })).toEqual([]);
    expect(parseEnv({ SIGNUP_DOMAINS: " Example.COM, corp.example ," }).env.SIGNUP_DOMAINS).toEqual(["example.com", "corp.example"]);
    expect(parseEnv({ SIGNUP_DOMAINS: "@example.com" }).problems.map((p) => p.variable)).toEqual(["SIGNUP_DOMAINS"]);
    expect(parseEnv({}).env.SIGNUP_MODE).toBe("invite");
  });

  it("a command-line entry point stops with one line per bad variable and exit code 1", () => {
    const run = spawnSync(path.join(ROOT, "node_modules/.bin/tsx"), ["--conditions=react-server", "lib/database/migrate-cli.ts"], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: "production",
        DATABASE_URL: "postgres://127.0.0.1:1/none",
        ENCRYPTION_KEYS: "v1:not-base64",
        AUTH_SECRET: "x",
      },
      encoding: "utf8",
    });
    expect(run.status).toBe(1);
    const lines = run.stderr
      .trim()
      .split("\n")
      .filter((l) => l.includes("configuration error"));
    expect(lines).toEqual([
      expect.stringMatching(/^\[opencto\] configuration error: AUTH_SECRET — expected at least 32 characters/),
      expect.stringMatching(/^\[opencto\] configuration error: ENCRYPTION_KEYS — expected comma-separated vN:<base64 of 32 bytes>/),
    ]);
    expect(run.stderr).not.toContain("not-base64");
  });
});

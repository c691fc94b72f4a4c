import { type ZodType, z } from "zod";

// The only reader of process.env for the app: every variable is typed, defaulted and documented
// here once. `.env.example` is generated from this file (`npm run env:example`) and a test keeps
// it and the README's table in step. Imports nothing of ours, so any layer may read it.

const KEY_ENTRY = /^[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/]{43}=$/;

const url = (protocols: string[]) =>
  z.string().refine((value) => {
    try {
      return protocols.includes(new URL(value).protocol);
    } catch {
      return false;
    }
  });
const int = (min: number, max = Number.MAX_SAFE_INTEGER) => z.coerce.number().int().min(min).max(max);
const bool = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

interface Variable {
  schema: ZodType;
  /** What a valid value looks like: shown when the value is refused (never the value itself). */
  expected: string;
  doc: string;
  group: Group;
  default?: string;
  /** The value written into .env.example (default empty). */
  example?: string;
}

const GROUPS = ["Database", "Secrets", "Sign-in", "Invites and mail", "OpenAI", "Operations", "Server"] as const;
type Group = (typeof GROUPS)[number];

interface Extra {
  default?: string;
  example?: string;
}

const variable = <S extends ZodType, X extends Extra = Record<never, never>>(
  group: Group,
  schema: S,
  expected: string,
  doc: string,
  extra?: X,
) => ({ group, schema, expected, doc, ...(extra as X) });

export const VARIABLES = {
  DATABASE_URL: variable(
    "Database",
    url(["postgres:", "postgresql:"]),
    "a postgres:// or postgresql:// URL",
    "Postgres URL. Unset → embedded PGlite in $DATA_DIR/pglite (migrations applied on start). A *.neon.tech host uses Neon's serverless driver; any other URL node-postgres. With it set, set the secrets below too.",
  ),
  DATABASE_URL_UNPOOLED: variable(
    "Database",
    url(["postgres:", "postgresql:"]),
    "a postgres:// or postgresql:// URL",
    "Direct (not pooled) URL of the same database, used for migrations: their advisory lock needs a session of its own. Neon's Vercel integration sets it.",
  ),
  DATABASE_DRIVER: variable(
    "Database",
    z.enum(["pglite", "pg", "neon"]),
    "one of pglite, pg, neon",
    "Force a driver: pglite | pg | neon (e.g. neon for a Neon proxy on a custom host).",
  ),
  DATABASE_POOL_MAX: variable("Database", int(1, 1000), "a whole number from 1 to 1000", "Max connections of the node-postgres pool.", {
    default: "10",
  }),
  DATABASE_CONNECT_TIMEOUT_MS: variable(
    "Database",
    int(100, 60_000),
    "milliseconds from 100 to 60000",
    "Gives up connecting to PostgreSQL, or waiting for a free pooled connection, after this long; requests then answer 503 database_unavailable. Raise it if a suspended Neon compute takes longer to wake.",
    { default: "1500" },
  ),
  DATABASE_STATEMENT_TIMEOUT_MS: variable(
    "Database",
    int(0, 600_000),
    "milliseconds from 0 (no limit) to 600000",
    "PostgreSQL cancels a statement after this long, and the app stops waiting for a stalled server 250 ms later (503 database_unavailable). Migrations run without it.",
    { default: "1200" },
  ),
  NEON_WS_PROXY: variable(
    "Database",
    z.string().regex(/^[^\s/]+(:\d+)?(\/\S*)?$/),
    "host:port of a WebSocket proxy, without a scheme",
    "Route the Neon driver's WebSocket through a local proxy host:port (local development, tests).",
  ),
  DATA_DIR: variable("Database", z.string().min(1), "a directory path", "Where embedded mode keeps its database and generated secrets.", {
    default: ".data",
  }),
  AUTH_SECRET: variable(
    "Secrets",
    z.string().min(32),
    "at least 32 characters (openssl rand -base64 32)",
    "Signs session cookies. Required with DATABASE_URL (generated into $DATA_DIR otherwise). Generate: openssl rand -base64 32",
  ),
  ENCRYPTION_KEYS: variable(
    "Secrets",
    z.string().refine((spec) => {
      const entries = spec.split(",").map((e) => e.trim());
      const versions = new Set(entries.map((e) => e.split(":")[0]));
      return entries.every((e) => KEY_ENTRY.test(e)) && versions.size === entries.length;
    }),
    "comma-separated vN:<base64 of 32 bytes> entries with distinct versions, newest first",
    "Vault keyring, newest first: v2:<base64 32 bytes>,v1:<base64 32 bytes>. Required with DATABASE_URL (generated into $DATA_DIR otherwise). Generate a key: openssl rand -base64 32",
  ),
  AUTH_URL: variable(
    "Sign-in",
    url(["http:", "https:"]),
    "an http(s) URL",
    "Public URL of the dashboard (recommended in production: mailed reset and verification links use it). Use localhost rather than 127.0.0.1 locally.",
  ),
  AUTH_TRUST_HOST: variable(
    "Sign-in",
    bool,
    "true or false",
    "Trust the Host / X-Forwarded-Host header; set false and AUTH_URL to pin the host.",
    {
      default: "true",
    },
  ),
  AUTH_REDIRECT_PROXY_URL: variable(
    "Sign-in",
    z
      .string()
      .refine((value) => {
        try {
          const { protocol, pathname } = new URL(value);
          return ["http:", "https:"].includes(protocol) && pathname.replace(/\/$/, "") === "/api/auth";
        } catch {
          return false;
        }
      })
      // Auth.js appends "/callback/<provider>" to it as it is.
      .transform((value) => value.replace(/\/$/, "")),
    "the stable deployment's auth URL, https://<host>/api/auth",
    "OAuth on preview deploys: the stable deployment that receives every provider callback and sends it on to the preview that started the sign-in. Set it on the previews and on that stable deployment (same AUTH_SECRET and OAuth app on both), never on production; register <AUTH_REDIRECT_PROXY_URL>/callback/<provider> with the OAuth app.",
  ),
  AUTH_GITHUB_ID: variable(
    "Sign-in",
    z.string(),
    "a GitHub OAuth client id",
    "GitHub OAuth (callback: <AUTH_URL>/api/auth/callback/github); the button appears when both are set.",
  ),
  AUTH_GITHUB_SECRET: variable("Sign-in", z.string(), "a GitHub OAuth client secret", "GitHub OAuth client secret."),
  AUTH_GOOGLE_ID: variable(
    "Sign-in",
    z.string(),
    "a Google OAuth client id",
    "Google OAuth (callback: <AUTH_URL>/api/auth/callback/google).",
  ),
  AUTH_GOOGLE_SECRET: variable("Sign-in", z.string(), "a Google OAuth client secret", "Google OAuth client secret."),
  AUTH_OIDC_ISSUER: variable(
    "Sign-in",
    url(["http:", "https:"]),
    "the issuer's http(s) URL",
    "Any OpenID Connect issuer, e.g. your company SSO (callback: <AUTH_URL>/api/auth/callback/oidc).",
  ),
  AUTH_OIDC_ID: variable("Sign-in", z.string(), "an OIDC client id", "OIDC client id."),
  AUTH_OIDC_SECRET: variable("Sign-in", z.string(), "an OIDC client secret", "OIDC client secret."),
  AUTH_OIDC_NAME: variable("Sign-in", z.string(), "a label", "Label of the SSO button.", { default: "Single sign-on" }),
  SIGNUP_MODE: variable(
    "Sign-in",
    z.enum(["invite", "domain", "open"]),
    "one of invite, domain, open",
    "Who may create an account: invite (only with an invite link), domain (addresses at SIGNUP_DOMAINS, or with an invite), open (anyone who finds the URL). The first account of an empty instance may always sign up and owns the instance.",
    { default: "invite", example: "invite" },
  ),
  SIGNUP_DOMAINS: variable(
    "Sign-in",
    z
      .string()
      .transform((spec) =>
        spec
          .split(",")
          .map((d) => d.trim().toLowerCase())
          .filter(Boolean),
      )
      .pipe(z.array(z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/)).min(1)),
    "comma-separated email domains such as example.com,example.org",
    "With SIGNUP_MODE=domain: the email domains that may sign up (exact match, case-insensitive; subdomains are not included).",
  ),
  THROTTLE_ACCOUNT_PER_MINUTE: variable(
    "Sign-in",
    int(1, 1000),
    "a whole number from 1 to 1000",
    "Sign-in, sign-up and password-reset attempts a minute for one email address (429 with Retry-After past it).",
    { default: "5" },
  ),
  THROTTLE_ADDRESS_PER_MINUTE: variable(
    "Sign-in",
    int(1, 100_000),
    "a whole number from 1 to 100000",
    "The same attempts, and key checks, a minute from one client address (X-Forwarded-For's first hop with AUTH_TRUST_HOST, else X-Real-IP).",
    { default: "30" },
  ),
  THROTTLE_KEY_CHECKS_PER_MINUTE: variable(
    "Sign-in",
    int(1, 1000),
    "a whole number from 1 to 1000",
    "Key tests and save-with-verify a minute for one workspace (each one is an upstream call).",
    { default: "10" },
  ),
  THROTTLE_FREE_FAILURES: variable(
    "Sign-in",
    int(1, 1000),
    "a whole number from 1 to 1000",
    "Failures (wrong password, taken email, rejected key) one email or workspace may have in 15 minutes before lockouts start; a client address gets THROTTLE_ADDRESS_PER_MINUTE.",
    { default: "5" },
  ),
  THROTTLE_LOCKOUT_SECONDS: variable(
    "Sign-in",
    int(1, 900),
    "seconds from 1 to 900",
    "First lockout after the free failures, counted from the last failure; it doubles with each further failure, up to 15 minutes.",
    { default: "60" },
  ),
  INVITE_TTL_HOURS: variable(
    "Invites and mail",
    int(1, 24 * 90),
    "a whole number of hours from 1 to 2160",
    "Hours an invite link stays valid.",
    {
      default: "72",
    },
  ),
  SMTP_URL: variable(
    "Invites and mail",
    url(["smtp:", "smtps:"]),
    "an smtp:// or smtps:// URL",
    "When set, invites, password-reset and email-verification links are emailed, e.g. smtp://user:pass@smtp.example.com:587. Unset: admins hand out reset links from Settings → Members.",
  ),
  MAIL_FROM: variable("Invites and mail", z.string().min(3), "a sender such as OpenCTO <no-reply@example.com>", "Sender of emails.", {
    default: "OpenCTO <no-reply@localhost>",
  }),
  OPENAI_BASE_URL: variable(
    "OpenAI",
    url(["http:", "https:"]),
    "an http(s) URL",
    "Upstream base URL; tests and the demo point it at the offline double.",
    { default: "https://api.openai.com/v1" },
  ),
  OPENAI_API_KEY: variable(
    "OpenAI",
    z.string().min(20),
    "an OpenAI API key (sk-…)",
    "Server-wide fallback API key, used when neither the member nor the workspace saved one, for the workspaces the instance owner allows.",
  ),
  OPENAI_ADMIN_KEY: variable(
    "OpenAI",
    z.string().min(20),
    "an OpenAI Admin key (sk-admin-…)",
    "Server-wide fallback Admin key (organisation usage and costs).",
  ),
  OPENAI_FALLBACK_WORKSPACES: variable(
    "OpenAI",
    z
      .string()
      .transform((v) =>
        v
          .split(",")
          .map((id) => id.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.string().regex(/^[A-Za-z0-9_-]{1,100}$/)).min(1))
      .transform((ids) => (ids.length === 1 && ids[0] === "none" ? [] : ids)),
    "comma-separated workspace ids, or none",
    "Workspaces (ids, never names: names can be changed by their admins) that may spend the fallback keys above; `none` for no workspace. Overrides the per-workspace setting of the instance owner's Settings → Instance page.",
  ),
  OPENAI_TIMEOUT_MS: variable(
    "OpenAI",
    int(100, 600_000),
    "milliseconds from 100 to 600000",
    "Timeout of each upstream call. Reads are retried once on a 5xx or timeout.",
    {
      default: "15000",
    },
  ),
  RATE_LIMIT_REALTIME_PER_MINUTE: variable(
    "OpenAI",
    int(1),
    "a whole number above 0",
    "Token and relay requests a minute per user and workspace.",
    {
      default: "30",
      example: "30",
    },
  ),
  RATE_LIMIT_CTO_OPENAI_PER_MINUTE: variable(
    "OpenAI",
    int(1),
    "a whole number above 0",
    "Models and usage proxy requests a minute per user and workspace.",
    {
      default: "90",
      example: "90",
    },
  ),
  RATE_LIMIT_GATEWAY_PER_MINUTE: variable(
    "OpenAI",
    int(1),
    "a whole number above 0",
    "Requests a minute per user and workspace to the OpenAI-compatible endpoints (/api/openai/v1), all of them together.",
    {
      default: "600",
      example: "600",
    },
  ),
  OPENAI_GATEWAY_TIMEOUT_MS: variable(
    "OpenAI",
    int(1000, 3_600_000),
    "milliseconds from 1000 to 3600000",
    "How long the OpenAI-compatible endpoints wait for OpenAI to start answering a chat completion or response (a stream then runs as long as it runs). Longer than OPENAI_TIMEOUT_MS: a long answer that is not streamed comes in one piece at its end.",
    {
      default: "300000",
    },
  ),
  REALTIME_TICKET_TTL_SECONDS: variable(
    "OpenAI",
    int(1, 3600),
    "seconds from 1 to 3600",
    "How long a browser's one-use ticket for the WebRTC relay (POST /api/v1/realtime/calls) lives.",
    { default: "60", example: "60" },
  ),
  REALTIME_MAX_CALL_SECONDS_CAP: variable(
    "OpenAI",
    int(1, 3600),
    "seconds from 1 to 3600",
    "Caps every relayed voice call's length on this deployment, below each workspace's own maximum (Settings → Assistant). On Vercel calls are capped at 280 s anyway (the relay function's 300 s life).",
  ),
  METRICS_TOKEN: variable(
    "Operations",
    z.string().min(16),
    "at least 16 characters",
    "Bearer token for GET /api/metrics (Prometheus text). Unset → that route answers 404.",
  ),
  CRON_SECRET: variable(
    "Operations",
    z.string().min(16),
    "at least 16 characters",
    "Bearer token for GET /api/cron/reap-calls (Vercel Cron sends it by itself when the project defines it). Unset → that route answers 404.",
  ),
  OPS_ALERT_5XX_RATE: variable(
    "Operations",
    z.coerce.number().gt(0).max(1),
    "a ratio above 0 and at most 1",
    "The Ops page warns when a watched route passes this 5xx rate over 15 minutes (at least 5 requests).",
    {
      default: "0.05",
    },
  ),
  OPS_ALERT_429_RATE: variable("Operations", z.coerce.number().gt(0).max(1), "a ratio above 0 and at most 1", "The same for 429 answers.", {
    default: "0.1",
  }),
  ALERT_WEBHOOK_ALLOW_PRIVATE: variable(
    "Operations",
    bool,
    "true or false",
    "Alert webhooks (Settings → Alerts) go to https URLs on public addresses only. true also allows private, link-local and loopback addresses (an internal receiver), and plain http to localhost/127.0.0.1. Outside production builds (next dev, tests) those are always allowed.",
    { default: "false" },
  ),
  PORT: variable("Server", int(1, 65_535), "a TCP port", "Port of `npm start`.", { default: "3000" }),
} satisfies Record<string, Variable>;

export type VariableName = keyof typeof VARIABLES;

/** Read by tests, the demo, the bench and Lighthouse, never by the app; listed in .env.example for completeness. */
export const TOOLING_VARIABLES: Record<string, string> = {
  TEST_POSTGRES_URL:
    "PostgreSQL server the data-layer tests create scratch databases on (default postgres://postgres@127.0.0.1:5432/test).",
  CHROMIUM_PATH: "Chromium for the e2e suite and Lighthouse (default /usr/bin/chromium).",
  E2E_APP_PORT: "Ports of the e2e servers, to run two checkouts' suites side by side (defaults 3210, 4020, 4010).",
  E2E_OIDC_PORT: "See E2E_APP_PORT.",
  E2E_FAKE_OPENAI_PORT: "See E2E_APP_PORT.",
  FAKE_OPENAI_PORT: "Port of the offline OpenAI double in `npm run demo` (default 4010).",
  BENCH_WARMUP_S: "`npm run bench`: seconds of warm-up per point (2).",
  BENCH_DURATION_S: "`npm run bench`: seconds of measurement per point (5).",
  BENCH_CONCURRENCY: "`npm run bench`: the concurrencies (1,16,64).",
  BENCH_DATABASE_URL: "`npm run bench` against PostgreSQL instead of the embedded database (that database is emptied first).",
  LIGHTHOUSE_APP_PORT: "`npm run lighthouse`: port of the dashboard it starts (3810).",
  LIGHTHOUSE_FAKE_PORT: "`npm run lighthouse`: port of the OpenAI double it starts (4810).",
  LIGHTHOUSE_RUNS: "`npm run lighthouse`: runs per page (3).",
};

type Parsed<N extends VariableName> = (typeof VARIABLES)[N]["schema"] extends ZodType<infer T> ? T : never;
type WithDefault = { [N in VariableName]: (typeof VARIABLES)[N] extends { default: string } ? N : never }[VariableName];
export type Env = { [N in VariableName]: N extends WithDefault ? Parsed<N> : Parsed<N> | undefined };

export interface ConfigProblem {
  variable: VariableName;
  expected: string;
}

/** A configuration the app cannot run with; its message names variables and expectations, never values. */
export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(problems.map((p) => `${p.variable}: expected ${p.expected}`).join("; "));
    this.name = "ConfigError";
  }
}

const NAMES = Object.keys(VARIABLES) as VariableName[];

/** Parses a raw environment; empty strings count as unset (a copied .env.example leaves them empty). */
export function parseEnv(raw: Record<string, string | undefined>): { env: Env; problems: ConfigProblem[] } {
  const env: Record<string, unknown> = {};
  const problems: ConfigProblem[] = [];
  for (const name of NAMES) {
    const spec: Variable = VARIABLES[name];
    const value = raw[name]?.trim() || spec.default;
    if (value === undefined) continue;
    const result = spec.schema.safeParse(value);
    if (result.success) env[name] = result.data;
    else problems.push({ variable: name, expected: spec.expected });
  }
  return { env: env as Env, problems };
}

// Parsed once per distinct set of raw values, and a test that changes process.env sees the change
// on the next read. A production server's environment is fixed once it has started (nothing here
// writes it), so there the first parse stands: reading ~70 variables back on every call cost the
// hot path more than any check it serves.
let cached: { fingerprint: string; env: Env } | undefined;

/** The typed configuration; throws a ConfigError when a variable is set to something unusable. */
export function env(): Env {
  if (cached && isProductionBuild()) return cached.env;
  const fingerprint = NAMES.map((name) => process.env[name] ?? "").join("\u0000");
  if (cached?.fingerprint === fingerprint) return cached.env;
  const parsed = parseEnv(process.env);
  if (parsed.problems.length > 0) throw new ConfigError(parsed.problems);
  cached = { fingerprint, env: parsed.env };
  return parsed.env;
}

/** Running as a Vercel function (the platform sets VERCEL=1): a request's work stops at its maxDuration. */
export const onVercel = () => process.env.VERCEL === "1";

/** `next dev` (Next.js inlines NODE_ENV at build time; it is not a setting). */
export const isDevelopmentServer = () => process.env.NODE_ENV === "development";

/** A production build (`next build` / `next start`), where alert webhooks keep to public https addresses unless allowed. */
export const isProductionBuild = () => process.env.NODE_ENV === "production";

/** Embedded mode: no DATABASE_URL, so PGlite in DATA_DIR and generated secrets. */
export const isEmbeddedMode = () => !env().DATABASE_URL;

/** Set by Vercel itself (not by the admin), at build and run time. */
export function vercelPlatform(raw: Record<string, string | undefined> = process.env) {
  return { onVercel: raw.VERCEL === "1", environment: raw.VERCEL_ENV };
}

export type ConfigPhase = "build" | "server";

/**
 * What stops a build or a server start: bad formats always; with DATABASE_URL (or on Vercel)
 * the secrets that cannot be generated; on Vercel, a database (PGlite cannot run there).
 */
export function configurationProblems(phase: ConfigPhase, raw: Record<string, string | undefined> = process.env): ConfigProblem[] {
  const { env: parsed, problems } = parseEnv(raw);
  const { onVercel } = vercelPlatform(raw);
  const required: VariableName[] = [];
  if (onVercel) required.push("DATABASE_URL");
  if (onVercel || (phase === "server" && parsed.DATABASE_URL)) required.push("AUTH_SECRET", "ENCRYPTION_KEYS");
  if (parsed.SIGNUP_MODE === "domain") required.push("SIGNUP_DOMAINS");
  for (const name of required)
    if (parsed[name] === undefined && !problems.some((p) => p.variable === name))
      problems.push({
        variable: name,
        expected: `${VARIABLES[name].expected} (required${name === "SIGNUP_DOMAINS" ? " with SIGNUP_MODE=domain" : onVercel ? " on Vercel" : " with DATABASE_URL"})`,
      });
  return problems;
}

/** Prints one line per problem and exits: a misconfigured deploy stops before it serves anything. */
export function exitOnConfigurationProblems(phase: ConfigPhase): void {
  const problems = configurationProblems(phase);
  if (problems.length === 0) return;
  for (const p of problems) console.error(`[opencto] configuration error: ${p.variable} — expected ${p.expected}. See .env.example.`);
  process.exit(1);
}

export const ENV_GROUPS = GROUPS;

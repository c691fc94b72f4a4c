import pg from "pg";

// `E2E_DATABASE_URL`'s database, dropped and created again before the suite's dashboard starts on
// it, as the PGlite suite starts from an empty DATA_DIR. Run with tsx by playwright.config.ts.

const url = new URL(process.env.E2E_DATABASE_URL ?? "");
const name = decodeURIComponent(url.pathname.slice(1));
if (!/^[a-z_][a-z0-9_]*$/.test(name))
  throw new Error(`E2E_DATABASE_URL names the database "${name}"; use lowercase letters, digits and _.`);
const admin = new URL(url);
admin.pathname = "/postgres";
const client = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 5000 });
await client.connect();
try {
  await client.query(`drop database if exists ${name} with (force)`);
  await client.query(`create database ${name}`);
} finally {
  await client.end();
}

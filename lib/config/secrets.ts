import "server-only";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { dataDir } from "./data-dir";
import { ConfigError, env, isEmbeddedMode, VARIABLES } from "./env";

interface GeneratedSecrets {
  authSecret: string;
  encryptionKeys: string;
}

let generated: GeneratedSecrets | undefined;

/** Embedded mode creates the secrets once into DATA_DIR (mode 0600) so a newcomer needs no configuration. */
function embeddedSecrets(): GeneratedSecrets {
  if (generated) return generated;
  const file = path.join(dataDir(), "secrets.json");
  if (fs.existsSync(file)) {
    generated = JSON.parse(fs.readFileSync(file, "utf8")) as GeneratedSecrets;
    return generated;
  }
  fs.mkdirSync(dataDir(), { recursive: true, mode: 0o700 });
  const fresh: GeneratedSecrets = {
    authSecret: randomBytes(32).toString("base64url"),
    encryptionKeys: `v1:${randomBytes(32).toString("base64")}`,
  };
  try {
    fs.writeFileSync(file, JSON.stringify(fresh), { mode: 0o600, flag: "wx" });
    console.log(`[opencto] generated AUTH_SECRET and the vault keyring into ${file} (embedded mode)`);
    generated = fresh;
  } catch (error) {
    // Another process won the race to create the file: use what it wrote.
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    generated = JSON.parse(fs.readFileSync(file, "utf8")) as GeneratedSecrets;
  }
  return generated;
}

function secret(variable: "AUTH_SECRET" | "ENCRYPTION_KEYS", pick: (s: GeneratedSecrets) => string): string {
  const fromEnv = env()[variable];
  if (fromEnv) return fromEnv;
  if (isEmbeddedMode()) return pick(embeddedSecrets());
  // The server's start-up check stops first; this guards scripts and tests that skip it.
  throw new ConfigError([{ variable, expected: `${VARIABLES[variable].expected} (required with DATABASE_URL)` }]);
}

export const authSecret = () => secret("AUTH_SECRET", (s) => s.authSecret);
export const encryptionKeysSpec = () => secret("ENCRYPTION_KEYS", (s) => s.encryptionKeys);

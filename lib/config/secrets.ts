import "server-only";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { dataDir, isEmbeddedMode } from "./data-dir";

interface GeneratedSecrets {
  authSecret: string;
  encryptionKeys: string;
}

export class MissingSecretError extends Error {
  constructor(readonly variable: string) {
    super(
      `${variable} is not set. With DATABASE_URL configured, secrets must come from the environment (see .env.example).`,
    );
  }
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

function secret(variable: string, pick: (s: GeneratedSecrets) => string): string {
  const fromEnv = process.env[variable];
  if (fromEnv) return fromEnv;
  if (isEmbeddedMode()) return pick(embeddedSecrets());
  throw new MissingSecretError(variable);
}

export const authSecret = () => secret("AUTH_SECRET", (s) => s.authSecret);
export const encryptionKeysSpec = () => secret("ENCRYPTION_KEYS", (s) => s.encryptionKeys);

/** Throws a MissingSecretError naming the first variable a deployment forgot. */
export function assertSecretsConfigured(): void {
  authSecret();
  encryptionKeysSpec();
}

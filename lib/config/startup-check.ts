import "server-only";
import { assertSecretsConfigured, MissingSecretError } from "./secrets";

// A deployment without its secrets must not come up half-working: name the variable and stop.
try {
  assertSecretsConfigured();
} catch (error) {
  if (!(error instanceof MissingSecretError)) throw error;
  console.error(`[opencto] cannot start: ${error.message}`);
  process.exit(1);
}

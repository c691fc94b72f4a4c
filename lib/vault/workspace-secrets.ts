import "server-only";
import { decryptSecret, encryptSecret, type WorkspaceSecretBinding } from "./cipher";
import { getKeyring } from "./keyring";

// Workspace secrets that are not LLM keys (the telephony webhook's whsec_…): sealed like keys
// (AES-GCM under the current keyring version) but bound to their own purpose.

export const sealWorkspaceSecret = ({ plaintext, ...binding }: WorkspaceSecretBinding & { plaintext: string }) =>
  encryptSecret({ plaintext, binding, keyring: getKeyring() });

/** Throws DecryptError when this server's keyring cannot open it or it was moved to another workspace. */
export const openWorkspaceSecret = ({ envelope, ...binding }: WorkspaceSecretBinding & { envelope: string }) =>
  decryptSecret({ envelope, binding, keyring: getKeyring() });

/** What the UI may show of a secret: its prefix and last four characters. */
export const secretHint = (secret: string) => `${secret.slice(0, 6)}…${secret.slice(-4)}`;

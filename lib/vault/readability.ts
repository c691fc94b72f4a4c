import "server-only";
import type { LlmKey } from "@/db/schema";
import { cachedKey } from "./cache";
import { DecryptError, decryptSecret, envelopeVersion } from "./cipher";
import { getKeyring } from "./keyring";
import { bindingOfRow } from "./store";

export interface KeyReadability {
  /** Whether this server's ENCRYPTION_KEYS open the stored key. */
  decryptable: boolean;
  /** The keyring version the key was saved under (a label, not key material). */
  keyVersion: string;
}

type StoredRow = Pick<LlmKey, "id" | "ciphertext" | "workspaceId" | "provider" | "scope" | "ownerUserId">;

/**
 * Whether a stored key can be used on this server. A version missing from the keyring settles it
 * without any crypto. A version the keyring has is not enough: a preview's own keyring usually
 * reuses the name "v1", so the ciphertext is authenticated (microseconds for a key this size;
 * the plaintext is dropped at once). Nothing is logged or audited: listing is not a use.
 */
export function keyReadability(row: StoredRow): KeyReadability {
  const keyVersion = envelopeVersion(row.ciphertext);
  const keyring = getKeyring();
  if (!keyring.byVersion.has(keyVersion)) return { decryptable: false, keyVersion };
  if (cachedKey(row) !== undefined) return { decryptable: true, keyVersion };
  try {
    decryptSecret({ envelope: row.ciphertext, binding: bindingOfRow(row), keyring });
    return { decryptable: true, keyVersion };
  } catch (error) {
    if (error instanceof DecryptError) return { decryptable: false, keyVersion };
    throw error;
  }
}

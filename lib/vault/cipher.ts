import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import type { KeyScope, LlmProvider } from "@/db/schema";
import type { Keyring } from "./keyring";

/** Where a secret belongs. It is authenticated with the ciphertext, so a row moved elsewhere fails to decrypt. */
export interface SecretBinding {
  workspaceId: string;
  scope: KeyScope;
  ownerUserId: string | null;
  provider: LlmProvider;
}

/**
 * Where a workspace secret that is not an LLM key belongs (the telephony webhook's and the alert
 * webhook's signing secrets, a remote MCP server's authorization): its own domain tag, so no
 * envelope can be moved between a key slot and a secret slot. `slot` names the row when a
 * workspace holds several secrets of one purpose (one per MCP server).
 */
export interface WorkspaceSecretBinding {
  workspaceId: string;
  purpose: "telephony_webhook" | "alert_webhook_secret" | "mcp_authorization" | "chat_paused_turn";
  slot?: string;
}

export class DecryptError extends Error {
  constructor(reason: string) {
    super(`vault: cannot decrypt (${reason})`);
    this.name = "DecryptError";
  }
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

// JSON of a fixed-order array is unambiguous: no two bindings serialise to the same bytes.
const associatedData = (b: SecretBinding | WorkspaceSecretBinding) =>
  Buffer.from(
    JSON.stringify(
      "purpose" in b
        ? ["opencto.workspace_secret.v1", b.workspaceId, b.purpose, ...(b.slot === undefined ? [] : [b.slot])]
        : ["opencto.llm_key.v1", b.workspaceId, b.scope, b.ownerUserId ?? "", b.provider],
    ),
  );

/** AES-256-GCM under the newest key, fresh 96-bit IV; returns `<version>:<iv>:<data>:<tag>` (base64). */
export function encryptSecret({
  plaintext,
  binding,
  keyring,
}: {
  plaintext: string;
  binding: SecretBinding | WorkspaceSecretBinding;
  keyring: Keyring;
}) {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", keyring.current.key, iv);
  cipher.setAAD(associatedData(binding));
  const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const parts = [iv, data, cipher.getAuthTag()].map((b) => b.toString("base64"));
  return `${keyring.current.version}:${parts.join(":")}`;
}

export const envelopeVersion = (envelope: string) => envelope.slice(0, envelope.indexOf(":"));

export function decryptSecret({
  envelope,
  binding,
  keyring,
}: {
  envelope: string;
  binding: SecretBinding | WorkspaceSecretBinding;
  keyring: Keyring;
}) {
  const [version, ivB64, dataB64, tagB64, ...rest] = envelope.split(":");
  if (!version || ivB64 === undefined || dataB64 === undefined || tagB64 === undefined || rest.length > 0)
    throw new DecryptError("malformed envelope");
  const key = keyring.byVersion.get(version);
  if (!key) throw new DecryptError(`key version "${version}" is not in ENCRYPTION_KEYS`);
  const iv = Buffer.from(ivB64, "base64");
  const tag = Buffer.from(tagB64, "base64");
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new DecryptError("malformed envelope");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(associatedData(binding));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(dataB64, "base64")), decipher.final()]).toString("utf8");
  } catch {
    throw new DecryptError("authentication failed: wrong key, tampered data, or the row was moved");
  }
}

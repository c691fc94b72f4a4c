import "server-only";
import { hash, verify } from "@node-rs/argon2";

// Argon2id with the library defaults (19 MiB, t=2): memory-hard, ~tens of ms per check.
export const hashPassword = (password: string) => hash(password);

let dummyHash: Promise<string> | undefined;

/**
 * Verifies against the stored hash, or against a throwaway hash when there is no such user,
 * so a sign-in takes the same time whether or not the email exists.
 */
export async function verifyPassword(storedHash: string | null | undefined, password: string): Promise<boolean> {
  dummyHash ??= hash("not-a-real-password");
  const target = storedHash ?? (await dummyHash);
  const ok = await verify(target, password).catch(() => false);
  return ok && Boolean(storedHash);
}

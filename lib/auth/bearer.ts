import "server-only";
import { timingSafeEqual } from "node:crypto";

/** `Authorization: Bearer <secret>` against a configured secret, in constant time; false when none is set. */
export function bearerMatches(header: string | null, secret: string | undefined): boolean {
  if (!secret || !header?.startsWith("Bearer ")) return false;
  const given = Buffer.from(header.slice("Bearer ".length));
  const expected = Buffer.from(secret);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

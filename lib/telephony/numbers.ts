// Phone numbers as the telephony webhook sees them: the caller's and the dialled number taken
// from the SIP INVITE's headers, masked for anything that is shown or logged, and matched
// against the policy's E.164 prefixes.

export interface SipHeader {
  name: string;
  value: string;
}

/** An E.164 prefix as the policy stores it: "+" and 1 to 15 digits. */
export const E164_PREFIX = /^\+\d{1,15}$/;

/**
 * The user part of a SIP From/To header (`"Ann" <sip:+14155550123@host>;tag=x`, `<tel:+1…>`),
 * normalised to "+digits" when it is a number; null when the header is absent or anonymous.
 */
export function numberFromHeaders(headers: readonly SipHeader[], which: "from" | "to"): string | null {
  const names = which === "from" ? ["from", "f"] : ["to", "t"];
  const header = headers.find((h) => names.includes(h.name.trim().toLowerCase()));
  if (!header) return null;
  const match = /(?:sips?|tel):([^@;>\s]+)/i.exec(header.value);
  const user = match?.[1] ? decodeURIComponent(match[1]) : null;
  if (!user || /^anonymous$/i.test(user)) return null;
  const digits = user.replace(/[\s().-]/g, "");
  if (/^\+?\d{3,20}$/.test(digits)) return digits.startsWith("+") ? digits : `+${digits}`;
  return user.slice(0, 64);
}

/** Shown and logged instead of the number: +1415•••4567 (a short or non-numeric one keeps less). */
export function maskNumber(number: string | null): string {
  if (!number) return "unknown";
  if (/^\+\d{8,}$/.test(number)) return `${number.slice(0, 5)}•••${number.slice(-4)}`;
  if (/^\+\d+$/.test(number)) return `+•••${number.slice(-2)}`;
  return `${number.slice(0, 2)}•••`;
}

export const matchesPrefix = (number: string | null, prefixes: readonly string[]) =>
  prefixes.some((prefix) => number?.startsWith(prefix) === true);

/** `+14155550123` → `tel:+14155550123`; a `tel:` or `sip:` URI stays as written. */
export const referUri = (target: string) => (/^(tel|sips?):/i.test(target) ? target : `tel:${target}`);

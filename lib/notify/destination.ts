import "server-only";
import { BlockList, isIP } from "node:net";
import { env, isProductionBuild } from "@/lib/config/env";

// Where an alert webhook may be sent. In production: https to public addresses only, so an admin
// cannot make the server call its own network (SSRF). ALERT_WEBHOOK_ALLOW_PRIVATE, or a
// non-production build (next dev, tests), also allows private and loopback addresses, and plain
// http to localhost / 127.0.0.1 / [::1]. The address is checked again on every send, after DNS
// resolution, on the address actually connected to (lib/notify/webhook.ts).

const PRIVATE = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  PRIVATE.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["64:ff9b::", 96],
  ["100::", 64],
  ["2001:db8::", 32],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const)
  PRIVATE.addSubnet(net, prefix, "ipv6");

/** Whether an IP address is loopback, private, link-local, shared, documentation or multicast space. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return PRIVATE.check(address, "ipv4");
  if (family !== 6) return true;
  // An IPv4-mapped or -compatible IPv6 address is judged by the IPv4 address it carries.
  const mapped = address.toLowerCase().match(/^::(?:ffff:)?(\d+\.\d+\.\d+\.\d+)$/);
  if (mapped?.[1]) return PRIVATE.check(mapped[1], "ipv4");
  const hex = address.toLowerCase().match(/^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/);
  if (hex?.[1] && hex[2]) {
    const n = (Number.parseInt(hex[1], 16) << 16) | Number.parseInt(hex[2], 16);
    return PRIVATE.check([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join("."), "ipv4");
  }
  return PRIVATE.check(address, "ipv6");
}

const LOOPBACK_NAMES = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Whether this server may reach private and loopback addresses with alert webhooks. */
export const privateDestinationsAllowed = () => env().ALERT_WEBHOOK_ALLOW_PRIVATE || !isProductionBuild();

/** The URL's host without IPv6 brackets, as a resolver or isIP takes it. */
export const bareHost = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, "$1");

/**
 * Why this URL may not receive alert webhooks here (a sentence for the admin), or null when it
 * may. Checks what can be known without DNS; the resolved address is checked when sending.
 */
export function destinationProblem(raw: string, allowPrivate = privateDestinationsAllowed()): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "Enter the webhook URL as https://…";
  }
  const host = url.hostname.toLowerCase();
  const loopbackName = LOOPBACK_NAMES.has(host) || host.endsWith(".localhost");
  if (url.protocol === "http:") {
    if (!loopbackName || !allowPrivate)
      return "The webhook URL must start with https:// (plain http only reaches localhost in development).";
  } else if (url.protocol !== "https:") return "The webhook URL must start with https://.";
  if (url.username || url.password) return "Put no user name or password in the webhook URL; verify the signature instead.";
  if (allowPrivate) return null;
  if (loopbackName || host.endsWith(".internal") || host.endsWith(".local")) return "The webhook URL must point to a public address.";
  const literal = bareHost(url);
  if (isIP(literal) && isPrivateAddress(literal)) return "The webhook URL must point to a public address.";
  return null;
}

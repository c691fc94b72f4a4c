import "server-only";
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { Webhook } from "standardwebhooks";
import { bareHost, destinationProblem, isPrivateAddress, privateDestinationsAllowed } from "./destination";

/** A receiver has this long to answer, connection included; an alert never waits on a slow one longer. */
export const WEBHOOK_TIMEOUT_MS = 5_000;
const MAX_ANSWER_BYTES = 64 * 1024;

export interface WebhookResult {
  delivered: boolean;
  status?: number;
  /** A short reason for the admin (no URL, no secret). */
  error?: string;
}

// Resolves as usual, then refuses a name that resolves to a private address: checked on the
// address the socket connects to, so DNS rebinding between the save and the send does not help.
const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, "", 0);
    if (addresses.some((a) => isPrivateAddress(a.address)))
      return callback(Object.assign(new Error("resolves to a private address"), { code: "EPRIVATE" }), "", 0);
    if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
    const first = addresses[0];
    if (!first) return callback(Object.assign(new Error("no address"), { code: "ENOTFOUND" }), "", 0);
    callback(null, first.address, first.family);
  });
};

/**
 * POSTs `{ type, timestamp, data }` signed per Standard Webhooks (webhook-id, webhook-timestamp,
 * webhook-signature). Never throws and never follows a redirect; a 2xx answer counts as delivered.
 */
export async function postSignedWebhook({
  url,
  secret,
  messageId,
  type,
  data,
  at = new Date(),
}: {
  url: string;
  secret: string;
  messageId: string;
  type: string;
  data: unknown;
  at?: Date;
}): Promise<WebhookResult> {
  const allowPrivate = privateDestinationsAllowed();
  const problem = destinationProblem(url, allowPrivate);
  if (problem) return { delivered: false, error: problem };
  const target = new URL(url);
  const host = bareHost(target);
  if (!allowPrivate && isIP(host) && isPrivateAddress(host))
    return { delivered: false, error: "The webhook URL must point to a public address." };
  const payload = JSON.stringify({ type, timestamp: at.toISOString(), data });
  let signature: string;
  try {
    signature = new Webhook(secret).sign(messageId, at, payload);
  } catch {
    return { delivered: false, error: "The signing secret is unusable; generate a new one." };
  }
  const client = target.protocol === "https:" ? https : http;
  return new Promise<WebhookResult>((resolve) => {
    const request = client.request(
      target,
      {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(payload),
          "user-agent": "OpenCTO-Alerts/1",
          "webhook-id": messageId,
          "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
          "webhook-signature": signature,
        },
        timeout: WEBHOOK_TIMEOUT_MS,
        ...(allowPrivate ? {} : { lookup: guardedLookup }),
      },
      (response) => {
        let read = 0;
        response.on("data", (chunk: Buffer) => {
          read += chunk.length;
          if (read > MAX_ANSWER_BYTES) response.destroy();
        });
        response.on("error", () => undefined);
        response.on("close", () => undefined);
        const status = response.statusCode ?? 0;
        response.resume();
        clearTimeout(deadline);
        resolve(
          status >= 200 && status < 300
            ? { delivered: true, status }
            : { delivered: false, status, error: `The receiver answered ${status}.` },
        );
      },
    );
    // `timeout` is idle time on the socket; this bounds the whole exchange.
    const deadline = setTimeout(() => request.destroy(Object.assign(new Error("timed out"), { code: "ETIMEDOUT" })), WEBHOOK_TIMEOUT_MS);
    request.on("timeout", () => request.destroy(Object.assign(new Error("timed out"), { code: "ETIMEDOUT" })));
    request.on("error", (error: NodeJS.ErrnoException) => {
      clearTimeout(deadline);
      resolve({ delivered: false, error: describeFailure(error) });
    });
    request.end(payload);
  });
}

function describeFailure(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case "ETIMEDOUT":
      return `The receiver did not answer within ${WEBHOOK_TIMEOUT_MS / 1000} s.`;
    case "EPRIVATE":
      return "The webhook host resolves to a private address.";
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "The webhook host name does not resolve.";
    case "ECONNREFUSED":
      return "The receiver refused the connection.";
    default:
      return error.code?.startsWith("ERR_TLS") || error.code?.includes("CERT")
        ? "The receiver's TLS certificate was refused."
        : "The webhook could not be delivered.";
  }
}

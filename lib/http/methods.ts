import { randomUUID } from "node:crypto";
import http from "node:http";
import type { ErrorEnvelope } from "@/lib/errors";

// The methods Next.js routes. Any other (TRACE, TRACK, PROPFIND…) made Next.js throw while it
// built the request (the fetch Request refuses TRACE) and answer 500, or 400 with no body.
const ROUTED_METHODS = new Set(["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"]);
const ALLOW = [...ROUTED_METHODS].join(", ");

function refuse(res: http.ServerResponse) {
  const requestId = randomUUID();
  const body: ErrorEnvelope = { error: `Method not allowed: use one of ${ALLOW}.`, code: "method_not_allowed", status: 405, requestId };
  res.writeHead(405, {
    allow: ALLOW,
    "content-type": "application/json",
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
    "x-request-id": requestId,
  });
  res.end(JSON.stringify(body));
}

let installed = false;

/**
 * Answers a request with a method Next.js does not route 405 JSON before Next.js sees it. Next.js
 * owns the HTTP server under `next start`, so this hooks the server's request event (instrumentation.ts,
 * once at start); one set lookup per request.
 */
export function refuseUnroutedMethods(): void {
  if (installed) return;
  installed = true;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const [req, res] = args as [http.IncomingMessage, http.ServerResponse];
      if (!ROUTED_METHODS.has(req.method ?? "")) {
        refuse(res);
        return true;
      }
    }
    return Reflect.apply(emit, this, [event, ...args]);
  } as typeof emit;
}

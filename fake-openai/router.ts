import type { IncomingMessage, ServerResponse } from "node:http";
import { authenticate, extractKey, type RouteAccess } from "./auth";
import { handleControl } from "./control";
import { applyFault, pickFault } from "./faults";
import { openAIError, readBody, sendError } from "./http-util";
import { logRequest } from "./request-log";
import { callAction, createCall } from "./rest/calls";
import { chatCompletions } from "./rest/chat";
import { responses } from "./rest/responses";
import { createClientSecret } from "./rest/client-secrets";
import type { RouteContext } from "./rest/context";
import { listModels, retrieveModel } from "./rest/models";
import { costs, listProjects, usageCompletions } from "./rest/usage";
import type { FakeState } from "./state";

interface Route {
  method: string;
  pattern: RegExp;
  access: RouteAccess;
  handler: (ctx: RouteContext) => void | Promise<void>;
}

const ROUTES: Route[] = [
  { method: "GET", pattern: /^\/v1\/models$/, access: "standard", handler: listModels },
  { method: "GET", pattern: /^\/v1\/models\/([^/]+)$/, access: "standard", handler: retrieveModel },
  { method: "POST", pattern: /^\/v1\/realtime\/client_secrets$/, access: "standard", handler: createClientSecret },
  { method: "POST", pattern: /^\/v1\/realtime\/calls$/, access: "realtime", handler: createCall },
  {
    method: "POST",
    pattern: /^\/v1\/realtime\/calls\/([^/]+)\/(accept|hangup|refer|reject)$/,
    access: "standard",
    handler: callAction,
  },
  { method: "GET", pattern: /^\/v1\/organization\/usage\/completions$/, access: "admin", handler: usageCompletions },
  { method: "GET", pattern: /^\/v1\/organization\/costs$/, access: "admin", handler: costs },
  { method: "GET", pattern: /^\/v1\/organization\/projects$/, access: "admin", handler: listProjects },
  { method: "POST", pattern: /^\/v1\/chat\/completions$/, access: "standard", handler: chatCompletions },
  { method: "POST", pattern: /^\/v1\/responses$/, access: "standard", handler: responses },
];

/** Browsers call the Realtime endpoints cross-origin with ek_ secrets, so CORS is open like the API's. */
const CORS_HEADERS = {
  "access-control-allow-origin": "*",
  "access-control-allow-headers": "authorization, content-type, openai-beta, x-openai-agents-sdk, x-fake-fault",
  "access-control-allow-methods": "GET, POST, DELETE, OPTIONS",
  "access-control-expose-headers": "location, retry-after, x-request-id",
};

export function createRequestHandler(state: FakeState, log: boolean) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    for (const [name, value] of Object.entries(CORS_HEADERS)) res.setHeader(name, value);
    if (req.method === "OPTIONS") {
      res.writeHead(204);
      res.end();
      return;
    }
    const url = new URL(req.url ?? "/", "http://fake");
    const body = await readBody(req);
    if (url.pathname.startsWith("/_fake/")) return handleControl(state, req, res, url, body);

    const started = Date.now();
    const entry = logRequest(state, req, url, body);
    res.on("finish", () => {
      entry.status = res.statusCode;
      entry.durationMs = Date.now() - started;
      if (log) console.log(`fake-openai ${entry.method} ${entry.path} ${entry.status} ${entry.durationMs}ms`);
    });
    res.setHeader("x-request-id", `req_${entry.id}`);

    const fault = pickFault(state, req, url.pathname);
    if (fault) {
      entry.fault = fault.kind === "slow" || fault.kind === "drip" ? `${fault.kind}:${fault.ms}` : fault.kind;
      if (await applyFault(fault, req, res)) return;
    }

    const matches = ROUTES.filter((r) => r.pattern.test(url.pathname));
    const route = matches.find((r) => r.method === req.method);
    if (!route) {
      const status = matches.length ? 405 : 404;
      sendError(res, status, openAIError(`Invalid URL (${req.method} ${url.pathname})`, "invalid_request_error"));
      return;
    }
    const auth = authenticate(state, extractKey(req), route.access);
    if (!auth.ok) {
      sendError(res, auth.status, auth.body);
      return;
    }
    const params = (route.pattern.exec(url.pathname) ?? []).slice(1);
    try {
      await route.handler({
        req,
        res,
        url,
        body,
        state,
        ...(auth.secret ? { secret: auth.secret } : {}),
        params,
        ...(fault?.kind === "drip" ? { streamStepMs: fault.ms } : {}),
      });
    } catch (error) {
      if (!res.headersSent) sendError(res, 500, openAIError(`fake-openai internal error: ${String(error)}`, "server_error"));
      else res.end();
    }
  };
}

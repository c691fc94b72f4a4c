import "server-only";
import { randomUUID } from "node:crypto";
import type { NextRequest } from "next/server";
import type { TokenScope } from "@/db/schema";
import { env } from "@/lib/config/env";
import { type ErrorEnvelope, unauthorized } from "@/lib/errors";
import { route } from "@/lib/http/route";

// The wrapper of the OpenAI-compatible endpoints (/api/openai/v1): the route wrapper's admission
// (one statement: token, scope, membership, rate limit, budgets), personal access tokens only,
// errors in OpenAI's shape ({error:{message,type,param,code}}, which the openai SDK reads), and a
// trace id on every answer.

type Spec<Q, B, P> = Parameters<typeof route<"member", Q, B, P>>[0];
type Handler<Q, B, P> = Parameters<typeof route<"member", Q, B, P>>[1];
type NextRouteContext = { params: Promise<Record<string, string | string[]>> };

/** All gateway endpoints share one budget per member and workspace. */
export const GATEWAY_RATE_LIMIT = { bucket: "gateway", limit: () => env().RATE_LIMIT_GATEWAY_PER_MINUTE };
export const TRACE_HEADER = "x-opencto-trace-id";

const TRACEPARENT = /^[\da-f]{2}-([\da-f]{32})-[\da-f]{16}-[\da-f]{2}$/;
const TRACE_ID = /^[\w.-]{8,64}$/;
const traces = new WeakMap<Request, string>();

/** The caller's trace id (its `x-opencto-trace-id`, or a W3C `traceparent`'s), else a new one. */
function traceIdFrom(req: Request): string {
  const given = req.headers.get(TRACE_HEADER)?.trim();
  if (given && TRACE_ID.test(given)) return given;
  const parent = TRACEPARENT.exec(req.headers.get("traceparent")?.trim().toLowerCase() ?? "")?.[1];
  return parent && !/^0+$/.test(parent) ? parent : randomUUID().replaceAll("-", "");
}

/** The trace id this request answers with. */
export const traceIdOf = (req: Request): string => traces.get(req) ?? traceIdFrom(req);

const tokenRequired = async (): Promise<never> => {
  throw unauthorized(
    "The OpenAI-compatible API takes an OpenCTO API token as its API key (Authorization: Bearer oc_…), not a session or an OpenAI key. Create one in Settings → Tokens.",
  );
};

function errorType(status: number): string {
  if (status === 402) return "insufficient_quota";
  if (status === 429) return "rate_limit_exceeded";
  if (status >= 500) return "server_error";
  return status === 401 ? "authentication_error" : status === 403 ? "permission_error" : "invalid_request_error";
}

/** Our error envelope as OpenAI spells errors; our code (or OpenAI's own, passed on) stays the `code`. */
async function openaiShaped(response: Response): Promise<Response> {
  if (!response.headers.get("content-type")?.includes("application/json")) return response;
  const envelope = (await response.json()) as Partial<ErrorEnvelope>;
  const details = (envelope.details ?? {}) as { upstreamCode?: string | null; param?: string | null };
  const body = {
    error: {
      message: envelope.error ?? "The request failed.",
      type: errorType(response.status),
      param: details.param ?? null,
      code: details.upstreamCode ?? envelope.code ?? null,
      ...(envelope.details === undefined || "upstreamCode" in details ? {} : { details: envelope.details }),
    },
  };
  const headers = new Headers(response.headers);
  headers.delete("content-length");
  return new Response(JSON.stringify(body), { status: response.status, headers });
}

/** A gateway endpoint: member audience, token only (with one of `tokens`), spends, rate limited. */
export function gatewayRoute<Q = undefined, B = undefined, P = undefined>(
  spec: Omit<Spec<Q, B, P>, "auth" | "authenticate" | "rateLimit" | "spends" | "tokens"> & { tokens: readonly TokenScope[] },
  handler: Handler<Q, B, P>,
) {
  const inner = route<"member", Q, B, P>(
    { ...spec, auth: "member", authenticate: tokenRequired, rateLimit: GATEWAY_RATE_LIMIT, spends: true },
    handler,
  );
  return async (req: NextRequest, nextCtx: NextRouteContext): Promise<Response> => {
    const traceId = traceIdFrom(req);
    traces.set(req, traceId);
    const answer = await inner(req, nextCtx);
    const response = answer.status >= 400 ? await openaiShaped(answer) : answer;
    response.headers.set(TRACE_HEADER, traceId);
    return response;
  };
}

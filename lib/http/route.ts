import "server-only";
import { randomUUID } from "node:crypto";
import { type NextRequest, NextResponse } from "next/server";
import { type ZodType, z } from "zod";
import type { Role, TokenScope } from "@/db/schema";
import { countRequest, type RateLimitState, rateLimitHeaders, settleRateLimit, type WindowCount } from "@/lib/limits/rate-limit";
import { recordRequest } from "@/lib/metrics/record";
import { admitMember } from "@/lib/http/admit";
import { budgetExceeded, type ReachedBudget } from "@/lib/budgets/exceeded";
import { hasRole } from "@/lib/workspaces/roles";
import type { WorkspaceAccess } from "@/lib/workspaces/workspaces";
import { DEFAULT_MAX_BODY_BYTES, readJsonBody } from "./body";
import { refuseCrossSite, refuseNul, requireContentType } from "./guard";
import { badRequest, forbidden, unauthorized } from "@/lib/errors";
import { authenticate, type Principal } from "@/lib/auth/principal";
import { sessionEnded, sessionIsCurrent } from "@/lib/auth/sessions";
import { bearerTokenOf } from "@/lib/tokens/credential";
import { inBackground } from "@/lib/background";
import { errorResponse } from "./respond";
import { strictTransportSecurity } from "./security-headers";

/** Who may call: anyone, any signed-in user, or a workspace member holding at least this role. */
export type Audience = "public" | "user" | Role;

interface RouteSpec<A extends Audience, Q, B, P> {
  /** Stable name for metrics and logs, e.g. `realtime_token`. */
  name: string;
  auth: A;
  /** How the caller proves who they are; default: the session cookie (lib/http/principal.ts). */
  authenticate?: (req: NextRequest) => Promise<Principal>;
  query?: ZodType<Q>;
  body?: ZodType<B>;
  params?: ZodType<P>;
  maxBodyBytes?: number;
  /** The media type a request body must be sent as; default application/json. */
  contentType?: string;
  /**
   * `delegated`: the route hands the request to a library that checks it itself (Auth.js: its own
   * CSRF token, state and PKCE; form posts, some from identity providers' pages), so the wrapper's
   * same-origin and media-type checks do not apply.
   */
  requestChecks?: "delegated";
  /**
   * Requests a minute per user and workspace, shared by every route naming the same bucket;
   * `limit` reads the configured number.
   */
  rateLimit?: { bucket: string; limit: () => number };
  /**
   * The route spends the workspace's money (OpenAI calls on its key): a member whose workspace or
   * own monthly budget is reached gets 402 budget_exceeded, decided in the admission statement.
   */
  spends?: boolean;
  /**
   * A personal access token (`Authorization: Bearer oc_…`) holding one of these scopes may call
   * the route instead of a session, as its member in its workspace (workspace routes only).
   * Without this, a token is refused with 401.
   */
  tokens?: readonly TokenScope[];
}

export interface RouteContext<A extends Audience, Q, B, P> {
  req: NextRequest;
  requestId: string;
  principal: A extends "public" ? Principal | null : Principal;
  access: A extends Role ? WorkspaceAccess : null;
  query: Q;
  body: B;
  params: P;
}

type Handler<A extends Audience, Q, B, P> = (ctx: RouteContext<A, Q, B, P>) => Promise<Response | object>;
type NextRouteContext = { params: Promise<Record<string, string | string[]>> };

const workspaceIdSchema = z.string().trim().min(1).max(100);
const HAS_BODY = new Set(["POST", "PUT", "PATCH", "DELETE"]);
// JSON answers are never documents: nothing in them may load, run or be framed.
const API_CSP = "default-src 'none'; frame-ancestors 'none'";

function validate<T>(schema: ZodType<T> | undefined, value: unknown, what: string): T {
  if (!schema) return undefined as T;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
  const first = issues[0];
  throw badRequest(`Invalid ${what}: ${first?.path ? `${first.path}: ` : ""}${first?.message ?? "invalid"}`, issues);
}

function pickWorkspaceId(query: Record<string, string>, body: unknown): string | undefined {
  const fromBody = body && typeof body === "object" && "workspaceId" in body ? (body as { workspaceId: unknown }).workspaceId : undefined;
  const raw = query.workspaceId ?? fromBody;
  if (raw === undefined) return undefined;
  const parsed = workspaceIdSchema.safeParse(raw);
  if (!parsed.success) throw badRequest("Invalid workspaceId: expected a workspace id string.");
  return parsed.data;
}

/**
 * The one wrapper every route handler goes through: request id, authentication, workspace
 * membership and role (fail closed), body cap, zod validation, and the error envelope.
 */
export function route<A extends Audience, Q = undefined, B = undefined, P = undefined>(
  spec: RouteSpec<A, Q, B, P>,
  handler: Handler<A, Q, B, P>,
) {
  return async (req: NextRequest, nextCtx: NextRouteContext): Promise<Response> => {
    const requestId = randomUUID();
    const started = performance.now();
    let workspaceId: string | null = null;
    const finish = (response: Response) => {
      response.headers.set("x-request-id", requestId);
      response.headers.set("content-security-policy", API_CSP);
      const hsts = strictTransportSecurity(req);
      if (hsts) response.headers.set("strict-transport-security", hsts);
      if (spec.auth !== "public") {
        const sample = { route: spec.name, workspaceId, status: response.status, latencyMs: performance.now() - started };
        inBackground(() => recordRequest(sample));
      }
      return response;
    };
    try {
      const token = spec.auth === "public" ? null : bearerTokenOf(req);
      if (token === "malformed") throw unauthorized("That is not a valid OpenCTO API token (they look like oc_<id>_<secret>).");
      if (token && (!spec.tokens || spec.auth === "user"))
        throw unauthorized("API tokens are not accepted by this route; it is for the dashboard's signed-in pages.");
      // Another site's request is refused before its cookie counts for anything (a token request
      // ignores cookies, so no page can ride on one); the media type after authentication, so
      // that an anonymous caller only ever learns 401.
      if (spec.requestChecks !== "delegated" && !token) refuseCrossSite(req);
      const session = spec.auth === "public" || token ? null : await (spec.authenticate ?? authenticate)(req);
      if (spec.requestChecks !== "delegated") requireContentType(req, spec.contentType ?? "application/json");
      const rawQuery = Object.fromEntries(req.nextUrl.searchParams);
      const rawParams = await nextCtx.params;
      refuseNul(rawQuery, "query");
      refuseNul(rawParams, "path");
      const rawBody =
        HAS_BODY.has(req.method) && spec.body ? await readJsonBody(req, spec.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES) : undefined;
      const limitSpec = spec.rateLimit && { bucket: spec.rateLimit.bucket, limit: spec.rateLimit.limit() };
      let principal: Principal | null = session;
      let access: WorkspaceAccess | null = null;
      let counted: WindowCount | null = null;
      let reached: ReachedBudget | null = null;
      if ((session || token) && spec.auth !== "public" && spec.auth !== "user") {
        const requested = pickWorkspaceId(rawQuery, rawBody);
        if (session?.workspaceId && requested && requested !== session.workspaceId)
          throw forbidden("This credential is bound to another workspace.");
        // Session version (or token), membership, role and the route's budget: one round trip.
        let caller: { userId: string; email: string; name: string | null };
        ({ caller, access, counted, reached } = await admitMember({
          userId: session?.userId ?? null,
          sessionVersion: session?.sessionVersion ?? 0,
          token: token && spec.tokens ? { ...token, scopes: spec.tokens } : undefined,
          workspaceId: session?.workspaceId ?? requested,
          minimumRole: spec.auth,
          bucket: limitSpec?.bucket,
          spends: spec.spends,
        }));
        if (token) principal = { ...caller, sessionVersion: 0, workspaceId: access.workspaceId, tokenId: token.id };
        workspaceId = access.workspaceId;
        if (!hasRole(access.role, spec.auth))
          throw forbidden(`This action needs the ${spec.auth} role in "${access.workspaceName}"; you are ${access.role}.`);
        if (reached) throw budgetExceeded({ reached, at: new Date() });
      } else if (principal) {
        // Routes without a workspace: one primary-key read, uncached, so a sign-out holds at once.
        if (!(await sessionIsCurrent({ userId: principal.userId, version: principal.sessionVersion }))) throw sessionEnded();
        if (limitSpec) counted = await countRequest({ key: `${limitSpec.bucket}:-:${principal.userId}` });
      }
      const limit: RateLimitState | null = limitSpec && counted ? settleRateLimit({ ...counted, limit: limitSpec.limit }) : null;
      const ctx = {
        req,
        requestId,
        principal,
        access,
        query: validate(spec.query, rawQuery, "query"),
        body: validate(spec.body, rawBody, "body"),
        params: validate(spec.params, rawParams, "path"),
      } as RouteContext<A, Q, B, P>;
      const result = await handler(ctx);
      const response = result instanceof Response ? result : NextResponse.json(result);
      if (!response.headers.has("cache-control")) response.headers.set("cache-control", "no-store");
      if (limit) for (const [name, value] of Object.entries(rateLimitHeaders(limit))) response.headers.set(name, value);
      return finish(response);
    } catch (error) {
      return finish(errorResponse(error, requestId, spec.name));
    }
  };
}

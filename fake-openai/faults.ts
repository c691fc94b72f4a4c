import type { IncomingMessage, ServerResponse } from "node:http";
import { openAIError, sendError, sleep } from "./http-util";
import type { FakeState } from "./state";

/** `drip`: a streamed (SSE) answer sends its deltas this many ms apart, for tests that watch text arrive. */
export type Fault = { kind: "429" | "500" | "503" | "timeout" | "malformed" } | { kind: "slow" | "drip"; ms: number };

export interface FaultRule {
  id: string;
  fault: string;
  /** A path prefix, or a regular expression when it starts with "^". */
  path?: string;
  /** Only requests whose API key contains this text (a test's own key), so parallel tests keep their faults. */
  key?: string;
  /** Remaining uses; undefined means until cleared. */
  remaining?: number;
}

/** Holding a "timeout" request longer than this would outlive any sane client timeout. */
export const TIMEOUT_CAP_MS = 60_000;

export function parseFault(value: string): Fault | undefined {
  const v = value.trim();
  if (v === "429" || v === "500" || v === "503" || v === "timeout" || v === "malformed") return { kind: v };
  const slow = /^slow:(\d+)$/.exec(v);
  if (slow?.[1]) return { kind: "slow", ms: Number(slow[1]) };
  const drip = /^drip:(\d+)$/.exec(v);
  if (drip?.[1]) return { kind: "drip", ms: Math.min(Number(drip[1]), 2_000) };
  return undefined;
}

function ruleMatches(rule: FaultRule, path: string, req: IncomingMessage): boolean {
  if (rule.key && !(req.headers.authorization ?? "").includes(rule.key)) return false;
  if (!rule.path) return true;
  return rule.path.startsWith("^") ? new RegExp(rule.path).test(path) : path.startsWith(rule.path);
}

/** The fault for this request: the x-fake-fault header wins over the global rules (which it consumes). */
export function pickFault(state: FakeState, req: IncomingMessage, path: string): Fault | undefined {
  const header = req.headers["x-fake-fault"];
  if (typeof header === "string") return parseFault(header);
  const rule = state.faults.find((r) => ruleMatches(r, path, req));
  if (!rule) return undefined;
  if (rule.remaining !== undefined) {
    rule.remaining -= 1;
    if (rule.remaining <= 0) state.faults = state.faults.filter((r) => r !== rule);
  }
  return parseFault(rule.fault);
}

/**
 * Answers the request with the fault; returns false when the request should proceed
 * normally (after a "slow" delay).
 */
export async function applyFault(fault: Fault, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  switch (fault.kind) {
    case "slow":
      await sleep(fault.ms);
      return false;
    case "drip":
      return false;
    case "429":
      sendError(
        res,
        429,
        openAIError(
          "Rate limit reached for requests in organization org-fake on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 1s. Visit https://platform.openai.com/account/rate-limits to learn more.",
          "requests",
          null,
          "rate_limit_exceeded",
        ),
        {
          "retry-after": "1",
          "x-ratelimit-limit-requests": "3",
          "x-ratelimit-remaining-requests": "0",
          "x-ratelimit-reset-requests": "1s",
        },
      );
      return true;
    case "500":
      sendError(
        res,
        500,
        openAIError("The server had an error while processing your request. Sorry about that!", "server_error", null, null),
      );
      return true;
    case "503":
      sendError(res, 503, openAIError("The engine is currently overloaded, please try again later.", "server_error", null, null));
      return true;
    case "malformed":
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"object":"list","data":[{"id":"gpt-');
      return true;
    case "timeout": {
      const aborted = new AbortController();
      req.on("close", () => aborted.abort());
      res.on("close", () => aborted.abort());
      await sleep(TIMEOUT_CAP_MS, aborted.signal);
      if (!res.destroyed && !res.headersSent) {
        sendError(res, 504, openAIError("Gateway timeout (fake-openai timeout fault).", "server_error"));
      }
      return true;
    }
  }
}

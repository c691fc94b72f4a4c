import "server-only";
import { AppError } from "@/lib/errors";
import { inBackground } from "@/lib/background";
import { log } from "@/lib/log";
import type { RealtimeUsage } from "@/lib/spend/prices";
import { recordProxyRequest } from "@/lib/spend/record";
import { checkSpend } from "./spend-check";

interface Proxied {
  workspaceId: string;
  userId: string;
  /** Set when the caller came with a personal access token. */
  apiTokenId?: string | null;
  /** The ledger's name for the route, e.g. `cto_openai_usage`. */
  route: string;
}

/** What an answer billed, when the upstream reported tokens. */
export type Billed = { model: string | null; usage?: RealtimeUsage | null } | null;

/**
 * Runs a request proxied to OpenAI for a member and writes its ledger row (member, route, status,
 * model and tokens when known) after the response, then alerts the budgets that spend crossed: a
 * failure answers with its own status, and a ledger write that fails is logged, never the request's problem.
 */
export async function ledgered<T>(
  who: Proxied,
  run: () => Promise<T>,
  billed: (result: T) => Billed | Promise<Billed> = () => null,
  defer: (task: () => Promise<unknown>) => void = inBackground,
): Promise<T> {
  // A streamed answer's bill settles when its stream ends (after the response has started).
  const write = (status: number, bill: Billed | Promise<Billed>) =>
    defer(() =>
      Promise.resolve(bill)
        .then((settled) => recordProxyRequest({ ...who, status, model: settled?.model ?? null, usage: settled?.usage ?? null }))
        .then(async (totals) => (await checkSpend({ totals })).alerts)
        .catch((error: unknown) =>
          log("error", "proxy_ledger_write_failed", { route: who.route, error: error instanceof Error ? error.message : String(error) }),
        ),
    );
  let result: T;
  try {
    result = await run();
  } catch (error) {
    write(error instanceof AppError ? error.status : 500, null);
    throw error;
  }
  write(200, billed(result));
  return result;
}

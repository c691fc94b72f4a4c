import "server-only";
import { after } from "next/server";
import { log } from "@/lib/log";
import { onVercel } from "@/lib/config/env";

/**
 * Work a request leaves behind (its metrics, its ledger row), run once the answer is on its way. A
 * Vercel function must be kept alive for it, which is what after() does; a long-lived server (`next
 * start`, embedded mode) keeps running anyway, and after() binds the async context of every
 * callback, which cost the hot path more than the work itself.
 */
export function inBackground(task: () => Promise<unknown>): void {
  if (onVercel()) {
    after(task);
    return;
  }
  setImmediate(() =>
    task().catch((error: unknown) =>
      log("error", "background_task_failed", { error: error instanceof Error ? error.message : String(error) }),
    ),
  );
}

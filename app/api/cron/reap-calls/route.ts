import { env } from "@/lib/config/env";
import { notFound, unauthorized } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { sweepOpsAlerts } from "@/lib/metrics/watch";
import { purgeExpiredTraces } from "@/lib/privacy/trace";
import { cronSecretMatches, reapAbandonedCalls } from "@/lib/realtime/reaper";

// Vercel Cron (vercel.json) calls this with `Authorization: Bearer $CRON_SECRET`; nobody else can.
// Requests to the voice routes also reap, at most once a minute per instance. It also sends the ops
// alerts of workspaces with recent 429/5xx on watched routes (each at most once an hour), for when no
// request came after the one that crossed a threshold, and deletes call traces past their retention.
export const GET = route({ name: "cron_reap_calls", auth: "public" }, async ({ req }) => {
  if (!env().CRON_SECRET) throw notFound("Not found.");
  if (!cronSecretMatches(req.headers.get("authorization"))) throw unauthorized("A valid cron bearer token is required.");
  const reaped = await reapAbandonedCalls();
  return { ...reaped, opsAlerts: await sweepOpsAlerts(), expiredTraces: await purgeExpiredTraces() };
});

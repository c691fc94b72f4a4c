import { env } from "@/lib/config/env";
import { notFound, unauthorized } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { cronSecretMatches, reapAbandonedCalls } from "@/lib/realtime/reaper";

// Vercel Cron (vercel.json) calls this with `Authorization: Bearer $CRON_SECRET`; nobody else can.
// Requests to the voice routes also reap, at most once a minute per instance.
export const GET = route({ name: "cron_reap_calls", auth: "public" }, async ({ req }) => {
  if (!env().CRON_SECRET) throw notFound("Not found.");
  if (!cronSecretMatches(req.headers.get("authorization"))) throw unauthorized("A valid cron bearer token is required.");
  return reapAbandonedCalls();
});

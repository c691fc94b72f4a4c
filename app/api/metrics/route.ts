import { NextResponse } from "next/server";
import { env } from "@/lib/config/env";
import { notFound, unauthorized } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { metricsTokenMatches, prometheusText } from "@/lib/metrics/prometheus";

// Public to the session layer: it answers only to the METRICS_TOKEN bearer, and 404s when unset.
export const GET = route({ name: "prometheus_metrics", auth: "public" }, async ({ req }) => {
  if (!env().METRICS_TOKEN) throw notFound("Not found.");
  if (!metricsTokenMatches(req.headers.get("authorization"))) throw unauthorized("A valid metrics bearer token is required.");
  return new NextResponse(await prometheusText(), { headers: { "content-type": "text/plain; version=0.0.4" } });
});

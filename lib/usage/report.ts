import "server-only";
import { fetchCompletionsUsage, fetchCosts } from "@/lib/openai/organization";
import type { UsageQuery } from "./query";

export interface UsagePoint {
  date: string;
  model: string | null;
  project: string | null;
  inputTokens: number;
  outputTokens: number;
  cachedTokens: number;
  audioTokens: number;
  requests: number;
  /** Null for hourly buckets: OpenAI reports costs per day only. */
  costUsd: number | null;
}

export interface UsageReport {
  start: string;
  end: string;
  bucket: UsageQuery["bucket"];
  groupBy: UsageQuery["groupBy"];
  series: UsagePoint[];
  totals: Omit<UsagePoint, "date" | "model" | "project"> & { costUsd: number };
  /** The OpenAI projects the figures cover; null: the whole organisation. */
  projectIds: string[] | null;
}

const roundUsd = (v: number) => Math.round(v * 1e6) / 1e6;
const bucketLabel = (unixSeconds: number, bucket: UsageQuery["bucket"]) => {
  const iso = new Date(unixSeconds * 1000).toISOString();
  return bucket === "1d" ? iso.slice(0, 10) : `${iso.slice(0, 13)}:00Z`;
};

/** Usage and costs for a date range (end inclusive), merged per bucket and group: the organisation's, or only `projectIds`. */
export async function buildUsageReport({
  apiKey,
  keyHint,
  query,
  projectIds = null,
}: {
  apiKey: string;
  keyHint: string;
  query: UsageQuery;
  projectIds?: string[] | null;
}): Promise<UsageReport> {
  const startTime = Date.parse(`${query.start}T00:00:00Z`) / 1000;
  const endTime = Date.parse(`${query.end}T00:00:00Z`) / 1000 + 86_400;
  const upstream = { apiKey, keyHint, startTime, endTime, projectIds: projectIds ?? undefined };
  const [usage, costs] = await Promise.all([
    fetchCompletionsUsage({ ...upstream, bucketWidth: query.bucket, groupBy: query.groupBy === "model" ? "model" : "project_id" }),
    fetchCosts({ ...upstream, groupBy: query.groupBy === "model" ? "line_item" : "project_id" }),
  ]);

  const points = new Map<string, UsagePoint>();
  const point = (date: string, group: string) => {
    const key = `${date}|${group}`;
    let p = points.get(key);
    if (!p) {
      p = {
        date,
        model: query.groupBy === "model" ? group : null,
        project: query.groupBy === "project" ? group : null,
        inputTokens: 0,
        outputTokens: 0,
        cachedTokens: 0,
        audioTokens: 0,
        requests: 0,
        costUsd: query.bucket === "1d" ? 0 : null,
      };
      points.set(key, p);
    }
    return p;
  };

  for (const bucket of usage)
    for (const r of bucket.results) {
      const p = point(bucketLabel(bucket.start_time, query.bucket), (query.groupBy === "model" ? r.model : r.project_id) ?? "unknown");
      p.inputTokens += r.input_tokens;
      p.outputTokens += r.output_tokens;
      p.cachedTokens += r.input_cached_tokens;
      p.audioTokens += r.input_audio_tokens + r.output_audio_tokens;
      p.requests += r.num_model_requests;
    }

  let totalCost = 0;
  for (const bucket of costs)
    for (const r of bucket.results) {
      totalCost += r.amount.value;
      if (query.bucket !== "1d") continue;
      // Cost line items read "<model>, input|output": the model is the part before the comma.
      const group = query.groupBy === "model" ? (r.line_item?.split(",")[0]?.trim() ?? "unknown") : (r.project_id ?? "unknown");
      const p = point(bucketLabel(bucket.start_time, "1d"), group);
      p.costUsd = roundUsd((p.costUsd ?? 0) + r.amount.value);
    }

  const series = [...points.values()].sort(
    (a, b) => a.date.localeCompare(b.date) || String(a.model ?? a.project).localeCompare(String(b.model ?? b.project)),
  );
  const totals = series.reduce(
    (t, p) => ({
      inputTokens: t.inputTokens + p.inputTokens,
      outputTokens: t.outputTokens + p.outputTokens,
      cachedTokens: t.cachedTokens + p.cachedTokens,
      audioTokens: t.audioTokens + p.audioTokens,
      requests: t.requests + p.requests,
      costUsd: 0,
    }),
    { inputTokens: 0, outputTokens: 0, cachedTokens: 0, audioTokens: 0, requests: 0, costUsd: 0 },
  );
  totals.costUsd = roundUsd(totalCost);
  return { start: query.start, end: query.end, bucket: query.bucket, groupBy: query.groupBy, series, totals, projectIds };
}

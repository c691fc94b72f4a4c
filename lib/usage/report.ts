import "server-only";
import type { OpenAICredential } from "@/lib/openai/client";
import { type CostGroupBy, fetchCompletionsUsage, fetchCosts, type UsageGroupBy } from "@/lib/openai/organization";
import type { UsageGrouping, UsageQuery } from "./query";

export interface UsagePoint {
  date: string;
  /** The id of the group this point belongs to: a model, a project id, an API key id or an OpenAI user id. */
  group: string;
  /** Set when grouping by model. */
  model: string | null;
  /** Set when grouping by project (the id; the report's `names` give its name). */
  project: string | null;
  inputTokens: number;
  outputTokens: number;
  cachedTokens: number;
  audioTokens: number;
  requests: number;
  /** Null for hourly buckets (OpenAI reports costs per day only) and per user (its cost API has no user grouping). */
  costUsd: number | null;
}

export interface UsageReport {
  start: string;
  end: string;
  bucket: UsageQuery["bucket"];
  groupBy: UsageQuery["groupBy"];
  series: UsagePoint[];
  totals: Omit<UsagePoint, "date" | "group" | "model" | "project"> & { costUsd: number };
  /** The OpenAI projects the figures cover; null: the whole organisation. */
  projectIds: string[] | null;
  /** Display names of the groups where OpenAI has them (projects); other groups show their id. */
  names: Record<string, string>;
}

/** How each grouping reads OpenAI: the usage API's group_by, the costs API's (none for users), the result field. */
const UPSTREAM: Record<
  UsageGrouping,
  { usage: UsageGroupBy; cost: CostGroupBy | null; field: "model" | "project_id" | "api_key_id" | "user_id" }
> = {
  model: { usage: "model", cost: "line_item", field: "model" },
  project: { usage: "project_id", cost: "project_id", field: "project_id" },
  apiKey: { usage: "api_key_id", cost: "api_key_id", field: "api_key_id" },
  user: { usage: "user_id", cost: null, field: "user_id" },
};

const roundUsd = (v: number) => Math.round(v * 1e6) / 1e6;
const bucketLabel = (unixSeconds: number, bucket: UsageQuery["bucket"]) => {
  const iso = new Date(unixSeconds * 1000).toISOString();
  return bucket === "1d" ? iso.slice(0, 10) : `${iso.slice(0, 13)}:00Z`;
};

/** Usage and costs for a date range (end inclusive), merged per bucket and group: the organisation's, or only `projectIds`. */
export async function buildUsageReport({
  apiKey,
  project,
  organization,
  keyHint,
  query,
  projectIds = null,
  names = {},
}: OpenAICredential & {
  keyHint: string;
  query: UsageQuery;
  projectIds?: string[] | null;
  names?: Record<string, string>;
}): Promise<UsageReport> {
  const startTime = Date.parse(`${query.start}T00:00:00Z`) / 1000;
  const endTime = Date.parse(`${query.end}T00:00:00Z`) / 1000 + 86_400;
  const upstream = { apiKey, project, organization, keyHint, startTime, endTime, projectIds: projectIds ?? undefined };
  const how = UPSTREAM[query.groupBy];
  // Per user there is no cost breakdown: the total still comes from the costs API, grouped by project.
  const [usage, costs] = await Promise.all([
    fetchCompletionsUsage({ ...upstream, bucketWidth: query.bucket, groupBy: how.usage }),
    fetchCosts({ ...upstream, groupBy: how.cost ?? "project_id" }),
  ]);
  const costPerPoint = query.bucket === "1d" && how.cost !== null;

  const points = new Map<string, UsagePoint>();
  const point = (date: string, group: string) => {
    const key = `${date}|${group}`;
    let p = points.get(key);
    if (!p) {
      p = {
        date,
        group,
        model: query.groupBy === "model" ? group : null,
        project: query.groupBy === "project" ? group : null,
        inputTokens: 0,
        outputTokens: 0,
        cachedTokens: 0,
        audioTokens: 0,
        requests: 0,
        costUsd: costPerPoint ? 0 : null,
      };
      points.set(key, p);
    }
    return p;
  };

  for (const bucket of usage)
    for (const r of bucket.results) {
      const p = point(bucketLabel(bucket.start_time, query.bucket), r[how.field] ?? "unknown");
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
      if (!costPerPoint) continue;
      // Cost line items read "<model>, input|output": the model is the part before the comma.
      const group =
        query.groupBy === "model"
          ? (r.line_item?.split(",")[0]?.trim() ?? "unknown")
          : ((query.groupBy === "project" ? r.project_id : r.api_key_id) ?? "unknown");
      const p = point(bucketLabel(bucket.start_time, "1d"), group);
      p.costUsd = roundUsd((p.costUsd ?? 0) + r.amount.value);
    }

  const series = [...points.values()].sort((a, b) => a.date.localeCompare(b.date) || a.group.localeCompare(b.group));
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
  const groups = new Set(series.map((p) => p.group));
  const shownNames = Object.fromEntries(Object.entries(names).filter(([id]) => groups.has(id) || projectIds?.includes(id)));
  return {
    start: query.start,
    end: query.end,
    bucket: query.bucket,
    groupBy: query.groupBy,
    series,
    totals,
    projectIds,
    names: shownNames,
  };
}

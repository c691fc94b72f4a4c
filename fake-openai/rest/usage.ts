import { openAIError, sendError, sendJson } from "../http-util";
import {
  alignToBucket,
  BUCKET_SECONDS,
  type BucketWidth,
  costLinesFor,
  USAGE_MODELS,
  USAGE_PROJECTS,
  type UsageNumbers,
  usageFor,
} from "../usage-data";
import type { RouteContext } from "./context";

const LIMITS: Record<BucketWidth, { default: number; max: number }> = {
  "1d": { default: 7, max: 31 },
  "1h": { default: 24, max: 168 },
  "1m": { default: 60, max: 1440 },
};

interface PageQuery {
  start: number;
  end: number;
  width: BucketWidth;
  groupBy: string[];
  limit: number;
}

type Parsed = { ok: true; query: PageQuery } | { ok: false; message: string; param: string };

/** Accepts both `group_by=x` and the SDK's `group_by[]=x`. */
function listParam(url: URL, name: string): string[] {
  return [...url.searchParams.getAll(name), ...url.searchParams.getAll(`${name}[]`)].flatMap((v) => v.split(",").filter(Boolean));
}

export function encodePage(bucketStart: number): string {
  return `page_${Buffer.from(String(bucketStart)).toString("base64url")}`;
}

function decodePage(page: string): number | undefined {
  if (!page.startsWith("page_")) return undefined;
  const n = Number(Buffer.from(page.slice(5), "base64url").toString("utf8"));
  return Number.isInteger(n) ? n : undefined;
}

function parseQuery(url: URL, widths: BucketWidth[], groupable: string[]): Parsed {
  const startRaw = url.searchParams.get("start_time");
  if (startRaw === null) return { ok: false, message: "Missing query parameter 'start_time'", param: "start_time" };
  const start = Number(startRaw);
  if (!Number.isInteger(start) || start < 0) {
    return { ok: false, message: `Invalid value for 'start_time': '${startRaw}'`, param: "start_time" };
  }
  const widthRaw = url.searchParams.get("bucket_width") ?? "1d";
  if (!widths.includes(widthRaw as BucketWidth)) {
    return {
      ok: false,
      message: `Invalid value for 'bucket_width': '${widthRaw}'. Supported values are: ${widths.map((w) => `'${w}'`).join(", ")}`,
      param: "bucket_width",
    };
  }
  const width = widthRaw as BucketWidth;
  const limitRaw = url.searchParams.get("limit");
  const limit = limitRaw === null ? LIMITS[width].default : Number(limitRaw);
  if (!Number.isInteger(limit) || limit < 1 || limit > LIMITS[width].max) {
    return { ok: false, message: `Invalid value for 'limit': must be between 1 and ${LIMITS[width].max}`, param: "limit" };
  }
  const groupBy = listParam(url, "group_by");
  const badGroup = groupBy.find((g) => !groupable.includes(g));
  if (badGroup) {
    return {
      ok: false,
      message: `Invalid value for 'group_by': '${badGroup}'. Supported values are: ${groupable.map((g) => `'${g}'`).join(", ")}`,
      param: "group_by",
    };
  }
  const endRaw = url.searchParams.get("end_time");
  const end = endRaw === null ? Math.floor(Date.now() / 1000) : Number(endRaw);
  if (!Number.isInteger(end) || end <= start) {
    return { ok: false, message: "'end_time' must be after 'start_time'", param: "end_time" };
  }
  let first = alignToBucket(start, width);
  const page = url.searchParams.get("page");
  if (page !== null) {
    const decoded = decodePage(page);
    if (decoded === undefined) return { ok: false, message: `Invalid page cursor: '${page}'`, param: "page" };
    first = decoded;
  }
  return { ok: true, query: { start: first, end, width, groupBy, limit } };
}

/** Bucket starts of one page, and the cursor of the next one. */
function pageBuckets(q: PageQuery): { starts: number[]; next: number | null } {
  const size = BUCKET_SECONDS[q.width];
  const starts: number[] = [];
  let t = q.start;
  while (t < q.end && starts.length < q.limit) {
    starts.push(t);
    t += size;
  }
  return { starts, next: t < q.end ? t : null };
}

function sendPage(ctx: RouteContext, q: PageQuery, results: (bucketStart: number) => object[]) {
  const { starts, next } = pageBuckets(q);
  const size = BUCKET_SECONDS[q.width];
  sendJson(ctx.res, 200, {
    object: "page",
    data: starts.map((s) => ({ object: "bucket", start_time: s, end_time: s + size, results: results(s) })),
    has_more: next !== null,
    next_page: next === null ? null : encodePage(next),
  });
}

function badRequest(ctx: RouteContext, parsed: Extract<Parsed, { ok: false }>) {
  sendError(ctx.res, 400, openAIError(parsed.message, "invalid_request_error", parsed.param, null));
}

function addUsage(a: UsageNumbers, b: UsageNumbers): UsageNumbers {
  return {
    input_tokens: a.input_tokens + b.input_tokens,
    output_tokens: a.output_tokens + b.output_tokens,
    input_cached_tokens: a.input_cached_tokens + b.input_cached_tokens,
    input_audio_tokens: a.input_audio_tokens + b.input_audio_tokens,
    output_audio_tokens: a.output_audio_tokens + b.output_audio_tokens,
    num_model_requests: a.num_model_requests + b.num_model_requests,
  };
}

export function usageCompletions(ctx: RouteContext) {
  const parsed = parseQuery(ctx.url, ["1m", "1h", "1d"], ["model", "project_id"]);
  if (!parsed.ok) return badRequest(ctx, parsed);
  const q = parsed.query;
  const byModel = q.groupBy.includes("model");
  const byProject = q.groupBy.includes("project_id");
  const modelFilter = new Set(listParam(ctx.url, "models"));
  const projectFilter = new Set(listParam(ctx.url, "project_ids"));
  sendPage(ctx, q, (bucketStart) => {
    const groups = new Map<string, { model: string | null; project_id: string | null; usage: UsageNumbers }>();
    for (const model of USAGE_MODELS) {
      if (modelFilter.size && !modelFilter.has(model)) continue;
      for (const project of USAGE_PROJECTS) {
        if (projectFilter.size && !projectFilter.has(project)) continue;
        const key = `${byModel ? model : ""}|${byProject ? project : ""}`;
        const usage = usageFor(ctx.state.seed, bucketStart, q.width, model, project);
        const group = groups.get(key);
        if (group) group.usage = addUsage(group.usage, usage);
        else groups.set(key, { model: byModel ? model : null, project_id: byProject ? project : null, usage });
      }
    }
    return [...groups.values()].map((g) => ({
      object: "organization.usage.completions.result",
      ...g.usage,
      project_id: g.project_id,
      user_id: null,
      api_key_id: null,
      model: g.model,
      batch: null,
      service_tier: null,
    }));
  });
}

export function costs(ctx: RouteContext) {
  const parsed = parseQuery(ctx.url, ["1d"], ["project_id", "line_item"]);
  if (!parsed.ok) return badRequest(ctx, parsed);
  const q = parsed.query;
  const byProject = q.groupBy.includes("project_id");
  const byLine = q.groupBy.includes("line_item");
  const projectFilter = new Set(listParam(ctx.url, "project_ids"));
  sendPage(ctx, q, (dayStart) => {
    const groups = new Map<string, { line_item: string | null; project_id: string | null; value: number }>();
    for (const project of USAGE_PROJECTS) {
      if (projectFilter.size && !projectFilter.has(project)) continue;
      for (const line of costLinesFor(ctx.state.seed, dayStart, project)) {
        const key = `${byLine ? line.line_item : ""}|${byProject ? project : ""}`;
        const group = groups.get(key);
        if (group) group.value += line.value;
        else {
          groups.set(key, {
            line_item: byLine ? line.line_item : null,
            project_id: byProject ? project : null,
            value: line.value,
          });
        }
      }
    }
    return [...groups.values()].map((g) => ({
      object: "organization.costs.result",
      amount: { value: g.value, currency: "usd" },
      line_item: g.line_item,
      project_id: g.project_id,
    }));
  });
}

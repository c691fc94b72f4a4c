import { openAIError, sendError, sendJson } from "../http-util";
import { alignToBucket, BUCKET_SECONDS, type BucketWidth, costLinesFor, splitCostLine, type UsageNumbers, usageByKey } from "../usage-data";
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

function parseQuery(url: URL, widths: BucketWidth[], groupable: string[], limits = LIMITS): Parsed {
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
  const limit = limitRaw === null ? limits[width].default : Number(limitRaw);
  if (!Number.isInteger(limit) || limit < 1 || limit > limits[width].max) {
    return { ok: false, message: `Invalid value for 'limit': must be between 1 and ${limits[width].max}`, param: "limit" };
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

/** Bucket starts of one page, and the cursor of the next one. No bucket starts in the future: the page ends at now. */
function pageBuckets(q: PageQuery): { starts: number[]; next: number | null } {
  const size = BUCKET_SECONDS[q.width];
  const end = Math.min(q.end, Math.floor(Date.now() / 1000) + 1);
  const starts: number[] = [];
  let t = q.start;
  while (t < end && starts.length < q.limit) {
    starts.push(t);
    t += size;
  }
  return { starts, next: t < end ? t : null };
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

/** A filter from a list parameter: everything passes when the list is absent. */
function filterOf(url: URL, name: string): (value: string) => boolean {
  const wanted = new Set(listParam(url, name));
  return (value) => wanted.size === 0 || wanted.has(value);
}

const USAGE_GROUPS = ["model", "project_id", "api_key_id", "user_id"] as const;

export function usageCompletions(ctx: RouteContext) {
  const parsed = parseQuery(ctx.url, ["1m", "1h", "1d"], [...USAGE_GROUPS]);
  if (!parsed.ok) return badRequest(ctx, parsed);
  const q = parsed.query;
  const by = new Set(q.groupBy);
  const model = filterOf(ctx.url, "models");
  const project = filterOf(ctx.url, "project_ids");
  const apiKey = filterOf(ctx.url, "api_key_ids");
  const user = filterOf(ctx.url, "user_ids");
  sendPage(ctx, q, (bucketStart) => {
    type Group = {
      model: string | null;
      project_id: string | null;
      api_key_id: string | null;
      user_id: string | null;
      usage: UsageNumbers;
    };
    const groups = new Map<string, Group>();
    const dataset = ctx.state.usage;
    for (const m of dataset.models.filter(model))
      for (const p of dataset.withUsage.filter(project))
        for (const { key, usage } of usageByKey(ctx.state.seed, bucketStart, q.width, m, p, dataset)) {
          if (!apiKey(key.id) || !user(key.user_id)) continue;
          const fields = {
            model: by.has("model") ? m : null,
            project_id: by.has("project_id") ? p : null,
            api_key_id: by.has("api_key_id") ? key.id : null,
            user_id: by.has("user_id") ? key.user_id : null,
          };
          const id = `${fields.model}|${fields.project_id}|${fields.api_key_id}|${fields.user_id}`;
          const group = groups.get(id);
          if (group) group.usage = addUsage(group.usage, usage);
          else groups.set(id, { ...fields, usage });
        }
    return [...groups.values()].map((g) => ({
      object: "organization.usage.completions.result",
      ...g.usage,
      project_id: g.project_id,
      user_id: g.user_id,
      api_key_id: g.api_key_id,
      model: g.model,
      batch: null,
      service_tier: null,
    }));
  });
}

// The costs endpoint takes up to 180 daily buckets a page (default 7).
const COST_LIMITS = { ...LIMITS, "1d": { default: 7, max: 180 } };

export function costs(ctx: RouteContext) {
  const parsed = parseQuery(ctx.url, ["1d"], ["project_id", "line_item", "api_key_id"], COST_LIMITS);
  if (!parsed.ok) return badRequest(ctx, parsed);
  const q = parsed.query;
  const by = new Set(q.groupBy);
  const project = filterOf(ctx.url, "project_ids");
  const apiKey = filterOf(ctx.url, "api_key_ids");
  sendPage(ctx, q, (dayStart) => {
    type Group = { line_item: string | null; project_id: string | null; api_key_id: string | null; value: number };
    const groups = new Map<string, Group>();
    const dataset = ctx.state.usage;
    for (const p of dataset.withUsage.filter(project))
      for (const line of costLinesFor(ctx.state.seed, dayStart, p, dataset))
        for (const { key, value } of splitCostLine(line, dataset)) {
          if (!apiKey(key.id)) continue;
          const fields = {
            line_item: by.has("line_item") ? line.line_item : null,
            project_id: by.has("project_id") ? p : null,
            api_key_id: by.has("api_key_id") ? key.id : null,
          };
          const id = `${fields.line_item}|${fields.project_id}|${fields.api_key_id}`;
          const group = groups.get(id);
          if (group) group.value = Math.round((group.value + value) * 1e6) / 1e6;
          else groups.set(id, { ...fields, value });
        }
    return [...groups.values()].map((g) => ({
      object: "organization.costs.result",
      amount: { value: g.value, currency: "usd" },
      line_item: g.line_item,
      project_id: g.project_id,
      api_key_id: g.api_key_id,
    }));
  });
}

/** `GET /v1/organization/projects`: newest first, `after` cursor, archived ones only with `include_archived=true`. */
export function listProjects(ctx: RouteContext) {
  const limitRaw = ctx.url.searchParams.get("limit");
  const limit = limitRaw === null ? 20 : Number(limitRaw);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    return sendError(
      ctx.res,
      400,
      openAIError("Invalid value for 'limit': must be between 1 and 100", "invalid_request_error", "limit", null),
    );
  }
  const archived = ctx.url.searchParams.get("include_archived") === "true";
  const all = [...ctx.state.usage.projects].filter((p) => archived || p.archived_at === null).sort((a, b) => b.created_at - a.created_at);
  const after = ctx.url.searchParams.get("after");
  const from = after === null ? 0 : all.findIndex((p) => p.id === after) + 1;
  if (after !== null && from === 0) {
    return sendError(ctx.res, 400, openAIError(`Invalid value for 'after': '${after}'`, "invalid_request_error", "after", null));
  }
  const data = all.slice(from, from + limit).map((p) => ({
    id: p.id,
    object: "organization.project",
    name: p.name,
    created_at: p.created_at,
    archived_at: p.archived_at,
    status: p.archived_at === null ? "active" : "archived",
    external_key_id: null,
  }));
  sendJson(ctx.res, 200, {
    object: "list",
    data,
    first_id: data[0]?.id ?? null,
    last_id: data.at(-1)?.id ?? null,
    has_more: from + limit < all.length,
  });
}

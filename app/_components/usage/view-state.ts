import type { UsageResponse } from "../api/types";

// The Usage page's view — range, grouping, buckets — as it lives in the URL, so a shared link opens
// the same view; and the checks the form makes before asking, mirroring the API's (lib/usage/query.ts).

export interface UsageViewState {
  start: string;
  end: string;
  groupBy: UsageResponse["groupBy"];
  bucket: UsageResponse["bucket"];
}

const GROUPS: UsageResponse["groupBy"][] = ["model", "project", "apiKey", "user"];
const BUCKETS: UsageResponse["bucket"][] = ["1d", "1h"];
const DAY_MS = 86_400_000;
export const MAX_DAYS = 90;
export const MAX_HOURLY_DAYS = 7;
const EARLIEST = "2020-01-01";

export const isoDay = (d: Date) => d.toISOString().slice(0, 10);
export const daysAgo = (n: number, now = Date.now()) => isoDay(new Date(now - n * DAY_MS));
const isDate = (v: string | null): v is string =>
  v !== null && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`));

/** The view a URL asks for; anything missing or unreadable falls back to the last 7 days by model, daily. */
export function viewFromSearch(params: URLSearchParams, now = Date.now()): UsageViewState {
  const start = params.get("start");
  const end = params.get("end");
  const groupBy = params.get("groupBy") as UsageViewState["groupBy"];
  const bucket = params.get("bucket") as UsageViewState["bucket"];
  const dates = isDate(start) && isDate(end) ? { start, end } : { start: daysAgo(6, now), end: daysAgo(0, now) };
  return { ...dates, groupBy: GROUPS.includes(groupBy) ? groupBy : "model", bucket: BUCKETS.includes(bucket) ? bucket : "1d" };
}

export const searchOf = (v: UsageViewState) =>
  new URLSearchParams({ start: v.start, end: v.end, groupBy: v.groupBy, bucket: v.bucket }).toString();

/** Days in the range, both ends included. */
export const daysIn = (v: Pick<UsageViewState, "start" | "end">) => Math.round((Date.parse(v.end) - Date.parse(v.start)) / DAY_MS) + 1;

/** Why the API would refuse this view, as a sentence for the form; null when it is fine. */
export function viewProblem(v: UsageViewState, now = Date.now()): string | null {
  if (v.start < EARLIEST) return `Usage starts on ${EARLIEST}: pick a later start date.`;
  if (v.end > daysAgo(-1, now)) return "The end date is in the future: pick today or earlier.";
  const days = daysIn(v);
  if (days < 1) return "The end date is before the start date: pick an end on or after the start.";
  if (days > MAX_DAYS) return `That range is ${days} days; pick at most ${MAX_DAYS}.`;
  if (v.bucket === "1h" && days > MAX_HOURLY_DAYS)
    return `Hourly buckets cover at most ${MAX_HOURLY_DAYS} days; this range is ${days}. Pick daily buckets or a shorter range.`;
  return null;
}

/** An API message as a sentence: "Invalid query: end: end must be on or after start." → "End must be on or after start." */
export function asSentence(message: string): string {
  const bare = message.replace(/^Invalid (?:query|body|path): (?:[\w.]+: )?/, "");
  return bare.charAt(0).toUpperCase() + bare.slice(1);
}

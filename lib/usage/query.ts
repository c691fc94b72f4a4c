import { z } from "zod";

const DAY_MS = 86_400_000;
export const MAX_RANGE_DAYS = 90;

/** What OpenAI's usage API can attribute usage to: model, project, API key, OpenAI user. */
export const USAGE_GROUPINGS = ["model", "project", "apiKey", "user"] as const;
export type UsageGrouping = (typeof USAGE_GROUPINGS)[number];
export const MAX_HOURLY_RANGE_DAYS = 7;

// OpenAI's usage API starts well after this; before it (year 0000…) the upstream refuses the query.
export const EARLIEST_DATE = "2020-01-01";

/** Tomorrow in UTC: a browser east of UTC may already be a day ahead. */
const latestDate = () => new Date(Date.now() + DAY_MS).toISOString().slice(0, 10);

export const isoDate = (name: string) =>
  z
    .string({ error: `${name} is required (YYYY-MM-DD).` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${name} must be a date like 2026-01-31.`)
    .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), {
      message: `${name} is not a real calendar date.`,
    })
    .refine((v) => v >= EARLIEST_DATE, { message: `${name} must be ${EARLIEST_DATE} or later.` })
    .refine((v) => v <= latestDate(), { message: `${name} must not be in the future.` });

export const usageQuerySchema = z
  .object({
    start: isoDate("start"),
    end: isoDate("end"),
    groupBy: z.enum(USAGE_GROUPINGS, { error: "groupBy must be model, project, apiKey or user." }).default("model"),
    bucket: z.enum(["1d", "1h"], { error: "bucket must be 1d or 1h." }).default("1d"),
    /** 1: read OpenAI again rather than answer from the server's cache (the page's Refresh). */
    refresh: z.enum(["0", "1"], { error: "refresh must be 0 or 1." }).optional(),
  })
  .superRefine((q, ctx) => {
    const days = (Date.parse(q.end) - Date.parse(q.start)) / DAY_MS + 1;
    if (days < 1) ctx.addIssue({ code: "custom", path: ["end"], message: "end must be on or after start." });
    else if (days > MAX_RANGE_DAYS)
      ctx.addIssue({ code: "custom", path: ["end"], message: `The range is ${days} days; ${MAX_RANGE_DAYS} at most.` });
    else if (q.bucket === "1h" && days > MAX_HOURLY_RANGE_DAYS)
      ctx.addIssue({
        code: "custom",
        path: ["bucket"],
        message: `Hourly buckets cover ${MAX_HOURLY_RANGE_DAYS} days at most; use bucket=1d for longer ranges.`,
      });
  });

export type UsageQuery = z.infer<typeof usageQuerySchema>;

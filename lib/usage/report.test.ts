import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeOpenAI } from "@/fake-openai";
import {
  costLinesFor,
  splitCostLine,
  USAGE_API_KEYS,
  USAGE_MODELS,
  USAGE_PROJECTS,
  USAGE_USERS,
  usageByKey,
  usageFor,
} from "@/fake-openai/usage-data";
import { usageQuerySchema } from "./query";
import { buildUsageReport } from "./report";

const SEED = 7;
const ADMIN = { apiKey: "sk-admin-report-test-000000000000", keyHint: "sk-admin-…0000" };
let fake: Awaited<ReturnType<typeof startFakeOpenAI>>;

beforeAll(async () => {
  fake = await startFakeOpenAI({ port: 0, seed: SEED });
  process.env.OPENAI_BASE_URL = fake.baseURL;
  process.env.OPENAI_TIMEOUT_MS = "2000";
});
afterAll(() => fake.close());

/** The sums, computed here straight from the fake's generator for each day in [start, end]. */
function expected(start: string, end: string) {
  let input = 0;
  let output = 0;
  let requests = 0;
  let cost = 0;
  for (let t = Date.parse(`${start}T00:00:00Z`) / 1000; t <= Date.parse(`${end}T00:00:00Z`) / 1000; t += 86_400)
    for (const project of USAGE_PROJECTS) {
      for (const model of USAGE_MODELS) {
        const u = usageFor(SEED, t, "1d", model, project);
        input += u.input_tokens;
        output += u.output_tokens;
        requests += u.num_model_requests;
      }
      for (const line of costLinesFor(SEED, t, project)) cost += line.value;
    }
  return { input, output, requests, cost: Math.round(cost * 1e6) / 1e6 };
}

describe("buildUsageReport against the fake's deterministic data", () => {
  it.each(["model", "project"] as const)("totals equal the independent sum across pages (groupBy=%s)", async (groupBy) => {
    // 45 days: more than one page of 31 daily buckets for both usage and costs.
    const query = usageQuerySchema.parse({ start: "2026-01-01", end: "2026-02-14", groupBy });
    const report = await buildUsageReport({ ...ADMIN, query });
    const want = expected("2026-01-01", "2026-02-14");
    expect(report.totals.inputTokens).toBe(want.input);
    expect(report.totals.outputTokens).toBe(want.output);
    expect(report.totals.requests).toBe(want.requests);
    expect(report.totals.costUsd).toBeCloseTo(want.cost, 5);
    const groups = new Set(report.series.map((p) => p.group));
    expect([...groups].sort()).toEqual([...(groupBy === "model" ? USAGE_MODELS : USAGE_PROJECTS)].sort());
    expect(new Set(report.series.map((p) => p.date)).size).toBe(45);
    const seriesCost = report.series.reduce((n, p) => n + (p.costUsd ?? 0), 0);
    expect(seriesCost).toBeCloseTo(want.cost, 4);
    const pages = fake.state.requests.filter((r) => r.path === "/v1/organization/usage/completions");
    expect(pages.length).toBeGreaterThanOrEqual(2);
  });

  it("by API key and by OpenAI user: the same totals, per-key costs from the cost API, none per user", async () => {
    const want = expected("2026-01-01", "2026-01-05");
    const byKey = await buildUsageReport({
      ...ADMIN,
      query: usageQuerySchema.parse({ start: "2026-01-01", end: "2026-01-05", groupBy: "apiKey" }),
    });
    expect(byKey.totals.inputTokens).toBe(want.input);
    expect(byKey.totals.costUsd).toBeCloseTo(want.cost, 5);
    expect(new Set(byKey.series.map((p) => p.group))).toEqual(new Set(USAGE_API_KEYS.map((k) => k.id)));
    // One key on one day, recomputed from the generator's split.
    const day = Date.parse("2026-01-02T00:00:00Z") / 1000;
    const key = USAGE_API_KEYS[3];
    let requests = 0;
    for (const model of USAGE_MODELS)
      requests += usageByKey(SEED, day, "1d", model, key.project_id).find((k) => k.key.id === key.id)!.usage.num_model_requests;
    let cost = 0;
    for (const line of costLinesFor(SEED, day, key.project_id)) cost += splitCostLine(line).find((k) => k.key.id === key.id)!.value;
    const point = byKey.series.find((p) => p.date === "2026-01-02" && p.group === key.id)!;
    expect(point.requests).toBe(requests);
    expect(point.costUsd).toBeCloseTo(cost, 5);

    const byUser = await buildUsageReport({
      ...ADMIN,
      query: usageQuerySchema.parse({ start: "2026-01-01", end: "2026-01-05", groupBy: "user" }),
    });
    expect(byUser.totals.requests).toBe(want.requests);
    expect(byUser.totals.costUsd).toBeCloseTo(want.cost, 5);
    expect(new Set(byUser.series.map((p) => p.group))).toEqual(new Set(USAGE_USERS.map((u) => u.id)));
    expect(byUser.series.every((p) => p.costUsd === null)).toBe(true);
  });

  it("project names come from the names given, only for the groups shown", async () => {
    const query = usageQuerySchema.parse({ start: "2026-01-01", end: "2026-01-01", groupBy: "project" });
    const names = { proj_fake_alpha: "Voice assistant", proj_fake_beta: "Support bot", proj_other_org_secret: "Not ours" };
    const report = await buildUsageReport({ ...ADMIN, query, projectIds: ["proj_fake_alpha"], names });
    expect(report.names).toEqual({ proj_fake_alpha: "Voice assistant" });
  });

  it("hourly buckets sum to the same requests as the generator's hourly data", async () => {
    const query = usageQuerySchema.parse({ start: "2026-03-01", end: "2026-03-01", bucket: "1h" });
    const report = await buildUsageReport({ ...ADMIN, query });
    let requests = 0;
    for (let h = 0; h < 24; h++)
      for (const project of USAGE_PROJECTS)
        for (const model of USAGE_MODELS)
          requests += usageFor(SEED, Date.parse("2026-03-01T00:00:00Z") / 1000 + h * 3600, "1h", model, project).num_model_requests;
    expect(report.totals.requests).toBe(requests);
    expect(report.series.every((p) => p.costUsd === null)).toBe(true);
    expect(report.series[0]?.date).toBe("2026-03-01T00:00Z");
  });

  it("a standard key is refused by the admin endpoints and maps to a 424 naming its hint", async () => {
    const query = usageQuerySchema.parse({ start: "2026-01-01", end: "2026-01-02" });
    await expect(buildUsageReport({ apiKey: "sk-standard-not-admin-000000", keyHint: "sk-…0000", query })).rejects.toMatchObject({
      status: 424,
      code: "upstream_key_rejected",
      message: expect.stringContaining("sk-…0000"),
    });
  });
});

describe("usage query validation", () => {
  const issue = (input: Record<string, string>) => {
    const r = usageQuerySchema.safeParse(input);
    return r.success ? null : r.error.issues[0]?.message;
  };
  it("refuses bad dates and ranges with clear messages", () => {
    expect(issue({ start: "2026-1-1", end: "2026-01-02" })).toBe("start must be a date like 2026-01-31.");
    expect(issue({ start: "2026-02-30", end: "2026-03-02" })).toBe("start is not a real calendar date.");
    expect(issue({ start: "2026-03-02", end: "2026-03-01" })).toBe("end must be on or after start.");
    expect(issue({ start: "2026-01-01", end: "2026-04-30" })).toBe("The range is 120 days; 90 at most.");
    expect(issue({ start: "2026-01-01", end: "2026-01-20", bucket: "1h" })).toMatch(/Hourly buckets cover 7 days at most/);
    expect(issue({ start: "2026-01-01", end: "2026-01-02", groupBy: "member" })).toBe("groupBy must be model, project, apiKey or user.");
    expect(issue({ end: "2026-01-02" })).toBe("start is required (YYYY-MM-DD).");
    expect(issue({ start: "0000-01-01", end: "0000-01-02" })).toBe("start must be 2020-01-01 or later.");
    const nextYear = new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);
    expect(issue({ start: nextYear, end: nextYear })).toBe("start must not be in the future.");
    expect(issue({ start: "2026-01-01", end: "2026-03-31" })).toBeNull();
  });
});

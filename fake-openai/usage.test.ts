import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { costLinesFor, type FakeOpenAI, scaledDataset, startFakeOpenAI, USAGE_MODELS, USAGE_PROJECTS, usageFor } from "./index";

const SEED = 7;
const DAY = 86400;
const START = 1_767_225_600; // 2026-01-01T00:00:00Z
const DAYS = 10;

let fake: FakeOpenAI;
let admin: OpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI({ seed: SEED });
  admin = new OpenAI({ adminAPIKey: "sk-admin-test-1234", baseURL: fake.baseURL, maxRetries: 0 });
});
afterAll(() => fake.close());

type Page = { data: Array<{ start_time: number; results: Array<Record<string, unknown>> }>; has_more: boolean; next_page: string | null };

async function allPages(path: string, query: Record<string, unknown>): Promise<Page[]> {
  const pages: Page[] = [];
  let page: string | undefined;
  do {
    const res = (await admin.get(path, {
      query: { ...query, ...(page ? { page } : {}) },
      __security: { adminAPIKeyAuth: true },
    } as never)) as Page;
    pages.push(res);
    page = res.next_page ?? undefined;
  } while (page);
  return pages;
}

describe("usage completions", () => {
  it("paginates and totals match an independent computation", async () => {
    const pages = await allPages("/organization/usage/completions", {
      start_time: START,
      end_time: START + DAYS * DAY,
      bucket_width: "1d",
      limit: 3,
      group_by: ["model", "project_id"],
    });
    expect(pages).toHaveLength(4);
    expect(pages.slice(0, 3).every((p) => p.has_more)).toBe(true);
    expect(pages[3]?.has_more).toBe(false);
    const buckets = pages.flatMap((p) => p.data);
    expect(buckets.map((b) => b.start_time)).toEqual(Array.from({ length: DAYS }, (_, i) => START + i * DAY));

    let expected = 0;
    for (let d = 0; d < DAYS; d++) {
      for (const model of USAGE_MODELS) {
        for (const project of USAGE_PROJECTS) expected += usageFor(SEED, START + d * DAY, "1d", model, project).input_tokens;
      }
    }
    const actual = buckets.flatMap((b) => b.results).reduce((sum, r) => sum + (r.input_tokens as number), 0);
    expect(actual).toBe(expected);
    expect(buckets[0]?.results[0]).toMatchObject({
      object: "organization.usage.completions.result",
      model: "gpt-realtime",
      project_id: USAGE_PROJECTS[0],
    });
  });

  it("groups by model with the SDK's group_by[] encoding and plain group_by", async () => {
    const viaSdk = await admin.admin.organization.usage.completions({
      start_time: START,
      end_time: START + DAY,
      group_by: ["model"],
    });
    const results = viaSdk.data[0]?.results as Array<{ model: string; project_id: string | null; num_model_requests: number }>;
    expect(results.map((r) => r.model)).toEqual([...USAGE_MODELS]);
    expect(results.every((r) => r.project_id === null)).toBe(true);
    const expected = USAGE_PROJECTS.reduce((s, p) => s + usageFor(SEED, START, "1d", "gpt-4.1", p).num_model_requests, 0);
    expect(results.find((r) => r.model === "gpt-4.1")?.num_model_requests).toBe(expected);

    const plain = await fetch(`${fake.baseURL}/organization/usage/completions?start_time=${START}&end_time=${START + DAY}&group_by=model`, {
      headers: { authorization: "Bearer sk-admin-test-1234" },
    });
    expect((await plain.json()).data[0].results).toEqual(viaSdk.data[0]?.results);
  });

  it("aggregates everything without group_by and supports hourly buckets", async () => {
    const res = await admin.admin.organization.usage.completions({ start_time: START, end_time: START + 3 * 3600, bucket_width: "1h" });
    expect(res.data).toHaveLength(3);
    expect(res.data[0]?.results).toHaveLength(1);
    expect(res.data[0]?.results[0]).toMatchObject({ model: null, project_id: null });
  });

  it("rejects bad parameters like the API", async () => {
    await expect(admin.admin.organization.usage.completions({ start_time: START, bucket_width: "1w" as "1d" })).rejects.toMatchObject({
      status: 400,
    });
    await expect(admin.admin.organization.usage.completions({ start_time: START, limit: 99 })).rejects.toMatchObject({ status: 400 });
    await expect(admin.admin.organization.usage.completions({ start_time: START, group_by: ["region" as "model"] })).rejects.toMatchObject({
      status: 400,
    });
  });
});

describe("costs", () => {
  it("paginates daily costs; totals per project equal the generator's", async () => {
    const pages = await allPages("/organization/costs", {
      start_time: START,
      end_time: START + DAYS * DAY,
      limit: 4,
      group_by: ["project_id", "line_item"],
    });
    expect(pages).toHaveLength(3);
    const results = pages.flatMap((p) => p.data.flatMap((b) => b.results)) as Array<{
      amount: { value: number; currency: string };
      line_item: string;
      project_id: string;
    }>;
    expect(results[0]).toMatchObject({
      object: "organization.costs.result",
      amount: { currency: "usd" },
      line_item: "gpt-realtime, input",
    });
    for (const project of USAGE_PROJECTS) {
      let expected = 0;
      for (let d = 0; d < DAYS; d++) for (const line of costLinesFor(SEED, START + d * DAY, project)) expected += line.value;
      const actual = results.filter((r) => r.project_id === project).reduce((s, r) => s + r.amount.value, 0);
      expect(actual).toBeCloseTo(expected, 6);
    }
  });

  it("only supports daily buckets", async () => {
    await expect(admin.admin.organization.usage.costs({ start_time: START, bucket_width: "1h" as "1d" })).rejects.toMatchObject({
      status: 400,
    });
  });
});

describe("a scaled organisation (--usage-models, --usage-projects)", () => {
  it("has the default models and projects first, then more, each with usage, costs and a key", async () => {
    const big = await startFakeOpenAI({ seed: SEED, usage: scaledDataset(20, 10) });
    try {
      const bigAdmin = new OpenAI({ adminAPIKey: "sk-admin-test-1234", baseURL: big.baseURL, maxRetries: 0 });
      const get = (path: string, query: Record<string, unknown>) =>
        bigAdmin.get(path, { query, __security: { adminAPIKeyAuth: true } } as never) as Promise<Page>;
      const day = { start_time: START, end_time: START + DAY, bucket_width: "1d" };
      const byModel = (await get("/organization/usage/completions", { ...day, group_by: ["model"] })).data[0]!.results;
      expect(byModel.map((r) => r.model)).toHaveLength(20);
      expect(byModel.map((r) => r.model)).toEqual(expect.arrayContaining([...USAGE_MODELS, "gpt-fake-model-05", "gpt-fake-model-20"]));
      const byProject = (await get("/organization/usage/completions", { ...day, group_by: ["project_id"] })).data[0]!.results;
      expect(byProject.map((r) => r.project_id).sort()).toEqual(
        [...USAGE_PROJECTS, ...Array.from({ length: 8 }, (_, i) => `proj_fake_${String(i + 3).padStart(2, "0")}`)].sort(),
      );
      const costs = (await get("/organization/costs", { ...day, group_by: ["project_id"] })).data[0]!.results;
      expect(costs).toHaveLength(10);
      const projects = (await get("/organization/projects", { limit: 100 })) as unknown as { data: { id: string; name: string }[] };
      expect(projects.data.find((p) => p.id === "proj_fake_10")?.name).toBe("Team 10");
    } finally {
      await big.close();
    }
  });
});

import fs from "node:fs";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeOpenAI, PROJECTS, startFakeOpenAI, USAGE_API_KEYS, USAGE_MODELS, USAGE_PROJECTS, USAGE_USERS, usageFor } from "./index";
import { costLinesFor } from "./usage-data";

// Attribution: projects by name, and usage grouped by API key and OpenAI user, consistent with the
// per-(model, project) generator the other tests already recompute.

const SEED = 5;
const DAY = 86400;
const START = 1_767_225_600; // 2026-01-01T00:00:00Z
const KEY = "sk-admin-fake-attribution-0000";

let fake: FakeOpenAI;
let admin: OpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI({ seed: SEED });
  admin = new OpenAI({ adminAPIKey: KEY, baseURL: fake.baseURL, maxRetries: 0 });
});
afterAll(() => fake.close());

const get = async (path: string) => {
  const res = await fetch(`${fake.baseURL}${path}`, { headers: { authorization: `Bearer ${KEY}` } });
  return { status: res.status, body: await res.json() };
};

// --- a small checker for the OpenAPI spec's schemas (type, required, enum, anyOf, $ref, arrays) ---
const SPEC_PATH = "/work/shared/openai-openapi/openapi.json";
const spec = fs.existsSync(SPEC_PATH)
  ? (JSON.parse(fs.readFileSync(SPEC_PATH, "utf8")) as { components: { schemas: Record<string, Schema> } })
  : null;
interface Schema {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  required?: string[];
  properties?: Record<string, Schema>;
  items?: Schema;
}
function violations(value: unknown, schema: Schema, at = "$"): string[] {
  if (schema.$ref) return violations(value, spec!.components.schemas[schema.$ref.split("/").pop()!]!, at);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return alternatives.some((s) => violations(value, s, at).length === 0) ? [] : [`${at}: matches no alternative`];
  if (schema.enum && !schema.enum.includes(value)) return [`${at}: ${JSON.stringify(value)} not in enum`];
  const type = value === null ? "null" : Array.isArray(value) ? "array" : typeof value;
  if (schema.type === "integer" && !Number.isInteger(value)) return [`${at}: not an integer`];
  if (schema.type && schema.type !== "integer" && schema.type !== type) return [`${at}: ${type}, want ${schema.type}`];
  if (type === "array" && schema.items) return (value as unknown[]).flatMap((v, i) => violations(v, schema.items!, `${at}[${i}]`));
  if (type === "object") {
    const obj = value as Record<string, unknown>;
    return [
      ...(schema.required ?? []).filter((k) => !(k in obj)).map((k) => `${at}.${k}: missing`),
      ...Object.entries(schema.properties ?? {}).flatMap(([k, s]) => (k in obj ? violations(obj[k], s, `${at}.${k}`) : [])),
    ];
  }
  return [];
}
const conforms = (value: unknown, name: string) => expect(violations(value, { $ref: `#/components/schemas/${name}` })).toEqual([]);

describe("GET /v1/organization/projects", () => {
  it("lists active projects with names, newest first; archived ones on request; pages with after", async () => {
    const { status, body } = await get("/organization/projects");
    expect(status).toBe(200);
    expect(body).toMatchObject({ object: "list", has_more: false });
    expect(body.data.map((p: { id: string }) => p.id)).toEqual(["proj_fake_beta", "proj_fake_alpha"]);
    expect(body.data.map((p: { name: string }) => p.name)).toEqual(["Support bot", "Voice assistant"]);
    expect(body.first_id).toBe("proj_fake_beta");
    expect(body.last_id).toBe("proj_fake_alpha");

    const all = await get("/organization/projects?include_archived=true&limit=1");
    expect(all.body.data).toHaveLength(1);
    expect(all.body.has_more).toBe(true);
    const rest = await get(`/organization/projects?include_archived=true&limit=100&after=${all.body.last_id}`);
    const ids = [...all.body.data, ...rest.body.data].map((p: { id: string }) => p.id);
    expect(ids.sort()).toEqual(PROJECTS.map((p) => p.id).sort());
    expect(rest.body.data.find((p: { id: string }) => p.id === "proj_fake_retired")).toMatchObject({ status: "archived" });

    expect((await get("/organization/projects?limit=101")).status).toBe(400);
    expect((await get("/organization/projects?after=proj_nope")).status).toBe(400);
  });

  it("answers the SDK and a standard key is refused", async () => {
    const page = await admin.admin.organization.projects.list({ include_archived: true });
    expect(page.data.map((p) => p.name).sort()).toEqual(PROJECTS.map((p) => p.name).sort());
    const standard = await fetch(`${fake.baseURL}/organization/projects`, { headers: { authorization: "Bearer sk-fake-standard-0000" } });
    expect(standard.status).toBe(401);
  });

  it.skipIf(!spec)("matches the OpenAPI ProjectListResponse", async () => {
    conforms((await get("/organization/projects?include_archived=true")).body, "ProjectListResponse");
  });
});

describe("usage by API key and user", () => {
  const range = `start_time=${START}&end_time=${START + 3 * DAY}&bucket_width=1d`;

  it("every key and user has usage, and the groupings sum to the generator's totals", async () => {
    let want = 0;
    for (let d = 0; d < 3; d++)
      for (const m of USAGE_MODELS) for (const p of USAGE_PROJECTS) want += usageFor(SEED, START + d * DAY, "1d", m, p).input_tokens;
    const sum = (body: { data: { results: { input_tokens: number }[] }[] }) =>
      body.data.flatMap((b) => b.results).reduce((n, r) => n + r.input_tokens, 0);

    const byKey = (await get(`/organization/usage/completions?${range}&group_by=api_key_id`)).body;
    expect(sum(byKey)).toBe(want);
    expect(new Set(byKey.data[0].results.map((r: { api_key_id: string }) => r.api_key_id))).toEqual(
      new Set(USAGE_API_KEYS.map((k) => k.id)),
    );
    expect(byKey.data[0].results.every((r: { user_id: null; project_id: null }) => r.user_id === null && r.project_id === null)).toBe(true);

    const byUser = (await get(`/organization/usage/completions?${range}&group_by=user_id`)).body;
    expect(sum(byUser)).toBe(want);
    expect(new Set(byUser.data[0].results.map((r: { user_id: string }) => r.user_id))).toEqual(new Set(USAGE_USERS.map((u) => u.id)));

    // Grace's usage is her two keys' usage, across both projects.
    const grace = byUser.data[0].results.find((r: { user_id: string }) => r.user_id === "user_fake_grace");
    const keys = byKey.data[0].results.filter((r: { api_key_id: string }) => r.api_key_id.includes("grace"));
    expect(grace.num_model_requests).toBe(keys.reduce((n: number, r: { num_model_requests: number }) => n + r.num_model_requests, 0));
  });

  it("a key belongs to one project and one user; filters by user and key narrow the figures", async () => {
    const all = (await get(`/organization/usage/completions?${range}&group_by=api_key_id&group_by=project_id&group_by=user_id`)).body;
    for (const r of all.data[0].results) {
      const key = USAGE_API_KEYS.find((k) => k.id === r.api_key_id)!;
      expect(r.project_id).toBe(key.project_id);
      expect(r.user_id).toBe(key.user_id);
    }
    const ada = (await get(`/organization/usage/completions?${range}&group_by=user_id&user_ids=user_fake_ada`)).body;
    expect(ada.data[0].results.map((r: { user_id: string }) => r.user_id)).toEqual(["user_fake_ada"]);
    const oneKey = (await get(`/organization/usage/completions?${range}&api_key_ids[]=key_fake_beta_linus`)).body;
    const linus = all.data[0].results.find((r: { api_key_id: string }) => r.api_key_id === "key_fake_beta_linus");
    expect(oneKey.data[0].results[0].input_tokens).toBe(linus.input_tokens);
  });

  it("costs by API key add up to the project lines to the micro-dollar", async () => {
    const byKey = (await get(`/organization/costs?${range}&group_by=api_key_id&group_by=project_id`)).body;
    for (const project of USAGE_PROJECTS) {
      const want = costLinesFor(SEED, START, project).reduce((n, l) => n + Math.round(l.value * 1e6), 0);
      const got = byKey.data[0].results
        .filter((r: { project_id: string }) => r.project_id === project)
        .reduce((n: number, r: { amount: { value: number } }) => n + Math.round(r.amount.value * 1e6), 0);
      expect(got).toBe(want);
    }
    expect((await get(`/organization/costs?${range}&group_by=user_id`)).status).toBe(400);
  });

  it.skipIf(!spec)("pages match the OpenAPI UsageResponse (completions and costs)", async () => {
    conforms((await get(`/organization/usage/completions?${range}&group_by=user_id&group_by=api_key_id`)).body, "UsageResponse");
    conforms((await get(`/organization/costs?${range}&group_by=api_key_id`)).body, "UsageResponse");
  });
});

describe("the double's usage agrees with itself", () => {
  const now = Math.floor(Date.now() / 1000);
  const today = Math.floor(now / DAY) * DAY;
  const results = (body: { data: { start_time: number; results: Record<string, number | string | null>[] }[] }) => body.data;

  it("hourly buckets sum to the daily ones, per model and project, for past days and for today so far", async () => {
    for (const dayStart of [START, today - DAY, today]) {
      const daily = (
        await get(`/organization/usage/completions?start_time=${dayStart}&end_time=${dayStart + DAY}&group_by=model&group_by=project_id`)
      ).body;
      const hourly = (
        await get(
          `/organization/usage/completions?start_time=${dayStart}&end_time=${dayStart + DAY}&bucket_width=1h&group_by=model&group_by=project_id`,
        )
      ).body;
      const sums = new Map<string, number>();
      for (const bucket of results(hourly))
        for (const r of bucket.results) {
          const key = `${r.model}|${r.project_id}`;
          sums.set(key, (sums.get(key) ?? 0) + (r.input_tokens as number) * 1 + (r.num_model_requests as number) * 1e9);
        }
      const day = results(daily)[0]!;
      expect(day.results.length).toBe(USAGE_MODELS.length * USAGE_PROJECTS.length);
      for (const r of day.results)
        expect(sums.get(`${r.model}|${r.project_id}`), `${dayStart} ${r.model} ${r.project_id}`).toBe(
          (r.input_tokens as number) + (r.num_model_requests as number) * 1e9,
        );
      if (dayStart === today) expect(results(hourly).length).toBe(Math.floor((now - today) / 3600) + 1);
      else expect(results(hourly).length).toBe(24);
    }
  });

  it("no bucket starts in the future, whatever end_time asks for", async () => {
    for (const width of ["1d", "1h", "1m"] as const) {
      const size = { "1d": DAY, "1h": 3600, "1m": 60 }[width];
      const start = Math.floor(now / size) * size - 2 * size;
      const page = (
        await get(`/organization/usage/completions?start_time=${start}&end_time=${now + 30 * DAY}&bucket_width=${width}&limit=30`)
      ).body;
      expect(page.has_more).toBe(false);
      expect(page.data.length).toBe(3);
      expect(Math.max(...page.data.map((b: { start_time: number }) => b.start_time))).toBeLessThanOrEqual(now);
    }
    const costs = (await get(`/organization/costs?start_time=${today}&end_time=${today + 10 * DAY}&limit=30`)).body;
    expect(costs.data.map((b: { start_time: number }) => b.start_time)).toEqual([today]);
  });

  it("minutes sum to their hour", () => {
    const hour = START + 13 * 3600;
    let requests = 0;
    for (let m = 0; m < 60; m++) requests += usageFor(SEED, hour + m * 60, "1m", "gpt-4.1", "proj_fake_beta").num_model_requests;
    expect(requests).toBe(usageFor(SEED, hour, "1h", "gpt-4.1", "proj_fake_beta").num_model_requests);
  });
});

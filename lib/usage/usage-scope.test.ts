import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeOpenAI, USAGE_PROJECTS } from "@/fake-openai";
import { users, workspaces } from "@/db/schema";
import { freshDataDir } from "@/test-support/embedded-db";
import { usageQuerySchema } from "./query";
import { usageView } from "./view";

// Organisation-wide usage is admin data: members see mapped projects only, and the cache never
// hands one view's answer to another. Embedded PGlite and the offline OpenAI double.
const dataDir = freshDataDir();
process.env.ENCRYPTION_KEYS = `v1:${randomBytes(32).toString("base64")}`;
const { getDatabaseHandle, getDb } = await import("@/lib/database");
const { workspaceOpenAIProjects, workspaceUsage } = await import("./proxy");
const { setOpenAIProjects } = await import("@/lib/workspaces/openai-projects");
const { storeKey } = await import("@/lib/vault/store");

const [ALPHA, BETA] = USAGE_PROJECTS;
let fake: Awaited<ReturnType<typeof startFakeOpenAI>>;

beforeAll(async () => {
  fake = await startFakeOpenAI({ port: 0, seed: 11 });
  process.env.OPENAI_BASE_URL = fake.baseURL;
  process.env.OPENAI_TIMEOUT_MS = "2000";
  await getDb();
});
afterAll(async () => {
  await fake.close();
  await (await getDatabaseHandle()).close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});
beforeEach(() => {
  delete process.env.OPENAI_ADMIN_KEY;
  fake.state.requests.length = 0;
});

const uid = () => randomBytes(6).toString("hex");
const query = usageQuerySchema.parse({ start: "2026-01-01", end: "2026-01-03", groupBy: "project" });
const usageCalls = () =>
  fake.state.requests.filter((r) => r.path === "/v1/organization/usage/completions" || r.path === "/v1/organization/costs");
const projectsOf = (report: { series: { project: string | null }[] }) => [...new Set(report.series.map((p) => p.project))].sort();

async function workspaceWithAdminKey({ fallbackKeysAllowed = false, ownKey = true } = {}) {
  const db = await getDb();
  const [admin] = await db
    .insert(users)
    .values({ email: `a-${uid()}@example.com` })
    .returning();
  const [member] = await db
    .insert(users)
    .values({ email: `m-${uid()}@example.com` })
    .returning();
  const [ws] = await db
    .insert(workspaces)
    .values({ name: `ws ${uid()}`, fallbackKeysAllowed })
    .returning();
  if (!admin || !member || !ws) throw new Error("seed failed");
  if (ownKey)
    await storeKey({
      slot: { workspaceId: ws.id, userId: admin.id, provider: "openai-admin", scope: "workspace" },
      apiKey: `sk-admin-${uid()}abcdefgh`,
    });
  return {
    admin: { workspaceId: ws.id, userId: admin.id, role: "admin" as const },
    member: { workspaceId: ws.id, userId: member.id, role: "member" as const },
  };
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (e: { status: number; code: string; message: string }) => e,
  );

describe("usageView", () => {
  it("members of an unmapped workspace are refused; admins see the organisation; a mapping is sorted and shared", () => {
    expect(() => usageView({ role: "member", mappedProjectIds: [] })).toThrow(
      expect.objectContaining({ status: 403, code: "projects_not_mapped" }),
    );
    expect(usageView({ role: "owner", mappedProjectIds: [] }).projectIds).toBeNull();
    expect(usageView({ role: "member", mappedProjectIds: ["proj_b", "proj_a"] }).projectIds).toEqual(["proj_a", "proj_b"]);
  });

  it("cache keys differ by role view and by project filter", () => {
    const keys = [
      usageView({ role: "admin", mappedProjectIds: [] }).cacheKey,
      usageView({ role: "admin", mappedProjectIds: ["proj_a"] }).cacheKey,
      usageView({ role: "member", mappedProjectIds: ["proj_a"] }).cacheKey,
      usageView({ role: "member", mappedProjectIds: ["proj_a", "proj_b"] }).cacheKey,
    ];
    expect(new Set(keys).size).toBe(keys.length);
    expect(usageView({ role: "owner", mappedProjectIds: ["proj_a"] }).cacheKey).toBe(keys[1]);
  });
});

describe("workspaceUsage", () => {
  it("unmapped: the admin gets the whole organisation; a member is refused even while the admin's answer is cached", async () => {
    const { admin, member } = await workspaceWithAdminKey();
    const report = await workspaceUsage({ ...admin, query });
    expect(report.projectIds).toBeNull();
    expect(projectsOf(report)).toEqual([...USAGE_PROJECTS].sort());
    expect(usageCalls().every((r) => !("project_ids[]" in r.query))).toBe(true);
    expect((await workspaceUsage({ ...admin, query })).cached).toBe(true);
    const error = await refusal(workspaceUsage({ ...member, query }));
    expect(error).toMatchObject({ status: 403, code: "projects_not_mapped" });
    expect(error?.message).toMatch(/admin maps this workspace's OpenAI projects/);
  });

  it("refresh reads OpenAI again past the cache, and the next plain read gets that newer answer", async () => {
    const { admin } = await workspaceWithAdminKey();
    const first = await workspaceUsage({ ...admin, query });
    fake.state.requests.length = 0;
    expect(await workspaceUsage({ ...admin, query })).toMatchObject({ cached: true, fetchedAt: first.fetchedAt });
    expect(usageCalls()).toHaveLength(0);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const refreshed = await workspaceUsage({ ...admin, query, refresh: true });
    expect(refreshed.cached).toBe(false);
    expect(Date.parse(refreshed.fetchedAt)).toBeGreaterThan(Date.parse(first.fetchedAt));
    expect(usageCalls().length).toBeGreaterThanOrEqual(1);
    expect(await workspaceUsage({ ...admin, query })).toMatchObject({ cached: true, fetchedAt: refreshed.fetchedAt });
  });

  it("mapped: everyone sees only the mapped projects, the filter reaches OpenAI, and no cached organisation answer leaks", async () => {
    const { admin, member } = await workspaceWithAdminKey();
    await workspaceUsage({ ...admin, query }); // organisation-wide, now cached for the admin view
    await setOpenAIProjects({ workspaceId: admin.workspaceId, projectIds: [ALPHA] });
    fake.state.requests.length = 0;
    const forMember = await workspaceUsage({ ...member, query });
    expect(forMember).toMatchObject({ cached: false, projectIds: [ALPHA] });
    expect(projectsOf(forMember)).toEqual([ALPHA]);
    const calls = usageCalls();
    expect(calls.length).toBeGreaterThanOrEqual(2);
    for (const call of calls) expect(call.query["project_ids[]"]).toBe(ALPHA);
    const forAdmin = await workspaceUsage({ ...admin, query });
    expect(forAdmin).toMatchObject({ cached: false, projectIds: [ALPHA] });
    expect(forAdmin.totals).toEqual(forMember.totals);
    await setOpenAIProjects({ workspaceId: admin.workspaceId, projectIds: [ALPHA, BETA] });
    const both = await workspaceUsage({ ...member, query });
    expect(projectsOf(both)).toEqual([ALPHA, BETA].sort());
    expect(both.totals.requests).toBeGreaterThan(forMember.totals.requests);
  });

  it("never reads usage with the instance's Admin key for a workspace that may not spend it", async () => {
    process.env.OPENAI_ADMIN_KEY = "sk-admin-instance-owner-money-00000000";
    const notAllowed = await workspaceWithAdminKey({ ownKey: false });
    expect(await refusal(workspaceUsage({ ...notAllowed.admin, query }))).toMatchObject({ status: 424, code: "no_key_configured" });
    await setOpenAIProjects({ workspaceId: notAllowed.admin.workspaceId, projectIds: [ALPHA] });
    expect(await refusal(workspaceUsage({ ...notAllowed.member, query }))).toMatchObject({ status: 424, code: "no_key_configured" });
    expect(usageCalls()).toHaveLength(0);
    const allowed = await workspaceWithAdminKey({ ownKey: false, fallbackKeysAllowed: true });
    expect((await workspaceUsage({ ...allowed.admin, query })).projectIds).toBeNull();
  });
});

describe("project names and the organisation's projects", () => {
  it("the report names projects from OpenAI's list; a mapped workspace names only its own projects", async () => {
    const { admin, member } = await workspaceWithAdminKey();
    const orgWide = await workspaceUsage({ ...admin, query });
    expect(orgWide.names).toEqual({ [ALPHA]: "Voice assistant", [BETA]: "Support bot" });
    await setOpenAIProjects({ workspaceId: admin.workspaceId, projectIds: [BETA] });
    const mapped = await workspaceUsage({
      ...member,
      query: usageQuerySchema.parse({ start: "2026-01-01", end: "2026-01-03", groupBy: "apiKey" }),
    });
    expect(mapped.names).toEqual({ [BETA]: "Support bot" });
    expect(new Set(mapped.series.map((p) => p.group))).toEqual(new Set(["key_fake_beta_grace", "key_fake_beta_linus"]));
  });

  it("without the projects list the figures still come, named by id", async () => {
    const { admin } = await workspaceWithAdminKey();
    fake.state.faults.push({ id: "projects-down", fault: "500", path: "/v1/organization/projects", remaining: 10 });
    try {
      const report = await workspaceUsage({
        ...admin,
        query: usageQuerySchema.parse({ start: "2026-01-04", end: "2026-01-05", groupBy: "project" }),
      });
      expect(report.names).toEqual({});
      expect(projectsOf(report)).toEqual([...USAGE_PROJECTS].sort());
    } finally {
      fake.state.faults.length = 0;
    }
  });

  it("workspaceOpenAIProjects lists every project by name with the current mapping", async () => {
    const { admin } = await workspaceWithAdminKey();
    await setOpenAIProjects({ workspaceId: admin.workspaceId, projectIds: [ALPHA, "proj_gone_from_openai"] });
    const listed = await workspaceOpenAIProjects({ ...admin, refresh: true });
    expect(listed.projects).toEqual([
      { id: BETA, name: "Support bot", archived: false },
      { id: ALPHA, name: "Voice assistant", archived: false },
      { id: "proj_fake_retired", name: "Old prototype", archived: true },
    ]);
    expect(listed.mappedProjectIds).toEqual([ALPHA, "proj_gone_from_openai"]);
  });
});

describe("the project mapping's input", () => {
  it("accepts proj_ ids only, de-duplicated and sorted, 50 at most", async () => {
    const { openaiProjectsBody } = await import("@/lib/workspaces/openai-projects-schema");
    expect(openaiProjectsBody.parse({ projectIds: [" proj_b ", "proj_a", "proj_b"] }).projectIds).toEqual(["proj_a", "proj_b"]);
    for (const bad of ["proj-abc", "abc", "proj_", "proj_a b", "proj_\u0000x", `proj_${"x".repeat(65)}`])
      expect(openaiProjectsBody.safeParse({ projectIds: [bad] }).success, bad).toBe(false);
    expect(openaiProjectsBody.safeParse({ projectIds: Array.from({ length: 51 }, (_, i) => `proj_${i}`) }).success).toBe(false);
  });
});

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDatabaseHandle, getDb } from "@/lib/database";
import {
  budgets,
  invites,
  llmKeys,
  memberships,
  proxyRequests,
  realtimeCalls,
  type Role,
  routeMetrics,
  spendMonths,
  users,
  WHOLE_WORKSPACE,
  workspaces,
} from "@/db/schema";
import { workspaceOverview } from "./overview";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "overview-test-"));

beforeAll(async () => {
  process.env.DATA_DIR = dataDir;
  delete process.env.DATABASE_URL;
  delete process.env.OPENAI_API_KEY;
  delete process.env.OPENAI_FALLBACK_WORKSPACES;
  await getDb();
});

afterAll(async () => {
  await (await getDatabaseHandle()).close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

// A fixed clock, so that "today" and "the last hour" never straddle midnight while the test runs.
const NOW = new Date("2026-06-15T12:00:00.000Z");
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

async function user() {
  const db = await getDb();
  const id = `u-${randomBytes(4).toString("hex")}`;
  await db.insert(users).values({ id, email: `${id}@example.test` });
  return id;
}

async function workspace(members: Array<[string, Role]>, name = "Overview") {
  const db = await getDb();
  const [row] = await db.insert(workspaces).values({ name }).returning();
  if (!row) throw new Error("no workspace row");
  for (const [userId, role] of members) await db.insert(memberships).values({ workspaceId: row.id, userId, role });
  return row.id;
}

async function call(workspaceId: string, userId: string, startedAt: Date, { live = false } = {}) {
  const db = await getDb();
  await db.insert(realtimeCalls).values({
    id: `rtc_${randomBytes(6).toString("hex")}`,
    userId,
    workspaceId,
    model: "gpt-realtime",
    keySource: "workspace",
    startedAt,
    deadlineAt: new Date(startedAt.getTime() + 10 * MINUTE),
    endedAt: live ? null : new Date(startedAt.getTime() + MINUTE),
    endReason: live ? null : "user",
    costMicros: 1_000,
  });
}

async function metric(workspaceId: string, minute: Date, route: string, statusClass: string, count: number) {
  const db = await getDb();
  await db
    .insert(routeMetrics)
    .values({ minute, route, workspaceId, statusClass, count, latencySumMs: count * 10, latencyBuckets: [count] });
}

async function key(workspaceId: string, scope: "workspace" | "personal", ownerUserId: string | null, lastUsedAt: Date | null) {
  const db = await getDb();
  // The overview never decrypts: a row's presence is what it reads.
  await db.insert(llmKeys).values({
    workspaceId,
    provider: "openai",
    scope,
    ownerUserId,
    ciphertext: "v1:fake:fake:fake",
    keyHint: "sk-…fake",
    lastUsedAt,
  });
}

describe("workspaceOverview", () => {
  it("a brand-new workspace: zeros, no budget, no key, nothing ticked", async () => {
    const owner = await user();
    const workspaceId = await workspace([[owner, "owner"]]);
    const overview = await workspaceOverview({ workspaceId, userId: owner, now: NOW });
    expect(overview).toEqual({
      workspaceId,
      generatedAt: NOW.toISOString(),
      spend: { month: "2026-06-01", spentMicros: 0, budgetMicros: null, resetsAt: "2026-07-01T00:00:00.000Z" },
      calls: { today: 0, activeMembersToday: 0, live: 0, since: "2026-06-15T00:00:00.000Z" },
      errors: { requests: 0, rate429: 0, rate5xx: 0, since: ago(HOUR).toISOString() },
      key: { inUse: "none", lastUsedAt: null, adminInUse: "none" },
      checklist: { key: false, assistant: false, team: false, budget: false },
    });
  });

  it("a busy workspace: its own month, today and last hour only, and the key each member's calls use", async () => {
    const db = await getDb();
    const [owner, member, proxyOnly, stranger] = await Promise.all([user(), user(), user(), user()]);
    const workspaceId = await workspace([
      [owner, "owner"],
      [member, "member"],
      [proxyOnly, "member"],
    ]);
    const elsewhere = await workspace([[stranger, "owner"]], "Elsewhere");

    await call(workspaceId, owner, ago(2 * HOUR));
    await call(workspaceId, owner, ago(30 * MINUTE));
    await call(workspaceId, member, ago(MINUTE), { live: true });
    await call(workspaceId, owner, ago(13 * HOUR)); // yesterday (UTC)
    await call(workspaceId, member, ago(HOUR), { live: true }); // open, but past its deadline: not live
    await call(elsewhere, stranger, ago(MINUTE));
    await db.insert(proxyRequests).values([
      { workspaceId, userId: proxyOnly, route: "cto_openai_proxy", status: 200, createdAt: ago(5 * MINUTE) },
      { workspaceId: elsewhere, userId: stranger, route: "cto_openai_proxy", status: 200, createdAt: ago(5 * MINUTE) },
    ]);

    await db.insert(spendMonths).values([
      { workspaceId, userId: WHOLE_WORKSPACE, month: "2026-06-01", costMicros: 1_234_567 },
      { workspaceId, userId: owner, month: "2026-06-01", costMicros: 1_000_000 },
      { workspaceId, userId: WHOLE_WORKSPACE, month: "2026-05-01", costMicros: 9_999_999 },
      { workspaceId: elsewhere, userId: WHOLE_WORKSPACE, month: "2026-06-01", costMicros: 5 },
    ]);
    await db.insert(budgets).values([
      { workspaceId, userId: WHOLE_WORKSPACE, monthlyLimitMicros: 10_000_000 },
      { workspaceId: elsewhere, userId: stranger, monthlyLimitMicros: 1 },
    ]);

    await metric(workspaceId, ago(10 * MINUTE), "realtime_token", "2xx", 7);
    await metric(workspaceId, ago(10 * MINUTE), "realtime_token", "429", 2);
    await metric(workspaceId, ago(40 * MINUTE), "cto_openai_proxy", "5xx", 1);
    await metric(workspaceId, ago(5 * MINUTE), "ops_metrics", "2xx", 100); // the Ops page polling
    await metric(workspaceId, ago(2 * HOUR), "realtime_token", "5xx", 50); // before the hour
    await metric(elsewhere, ago(5 * MINUTE), "realtime_token", "5xx", 10);

    const workspaceKeyUsed = ago(3 * MINUTE);
    const personalKeyUsed = ago(20 * MINUTE);
    await key(workspaceId, "workspace", null, workspaceKeyUsed);
    await key(workspaceId, "personal", member, personalKeyUsed);

    const seen = await workspaceOverview({ workspaceId, userId: owner, now: NOW });
    expect(seen).toMatchObject({
      spend: { spentMicros: 1_234_567, budgetMicros: 10_000_000, resetsAt: "2026-07-01T00:00:00.000Z" },
      calls: { today: 4, activeMembersToday: 3, live: 1 },
      errors: { requests: 10, rate429: 0.2, rate5xx: 0.1 },
      key: { inUse: "workspace", lastUsedAt: workspaceKeyUsed.toISOString(), adminInUse: "none" },
      checklist: { key: true, assistant: true, team: true, budget: true },
    });

    // The member's own personal key serves their calls; the figures are the workspace's all the same.
    const memberView = await workspaceOverview({ workspaceId, userId: member, now: NOW });
    expect(memberView?.key).toEqual({ inUse: "personal", lastUsedAt: personalKeyUsed.toISOString(), adminInUse: "none" });
    expect(memberView?.calls).toEqual(seen?.calls);
    expect(memberView?.spend).toEqual(seen?.spend);

    // The other workspace sees only its own rows: a member's budget counts as a budget set.
    expect(await workspaceOverview({ workspaceId: elsewhere, userId: stranger, now: NOW })).toMatchObject({
      spend: { spentMicros: 5, budgetMicros: null },
      calls: { today: 1, activeMembersToday: 1, live: 0 },
      errors: { requests: 10, rate429: 0, rate5xx: 1 },
      key: { inUse: "none", lastUsedAt: null },
      checklist: { key: false, assistant: true, team: false, budget: true },
    });
  });

  it("ticks the team step for an open invite only, and the key step for the instance's key when the workspace may use it", async () => {
    const db = await getDb();
    const owner = await user();
    const workspaceId = await workspace([[owner, "owner"]]);
    const invite = (email: string, extra: Partial<typeof invites.$inferInsert>) =>
      db.insert(invites).values({
        workspaceId,
        email,
        role: "member",
        tokenHash: randomBytes(16).toString("hex"),
        expiresAt: new Date(NOW.getTime() + HOUR),
        ...extra,
      });
    await invite("expired@example.test", { expiresAt: ago(MINUTE) });
    await invite("revoked@example.test", { revokedAt: ago(MINUTE) });
    await invite("accepted-elsewhere@example.test", { acceptedAt: ago(MINUTE) });
    expect((await workspaceOverview({ workspaceId, userId: owner, now: NOW }))?.checklist.team).toBe(false);
    await invite("open@example.test", {});
    expect((await workspaceOverview({ workspaceId, userId: owner, now: NOW }))?.checklist.team).toBe(true);

    process.env.OPENAI_API_KEY = "sk-fake-instance-key-for-overview";
    try {
      expect((await workspaceOverview({ workspaceId, userId: owner, now: NOW }))?.key.inUse).toBe("none");
      await db.update(workspaces).set({ fallbackKeysAllowed: true }).where(eq(workspaces.id, workspaceId));
      const overview = await workspaceOverview({ workspaceId, userId: owner, now: NOW });
      expect(overview?.key).toEqual({ inUse: "instance", lastUsedAt: null, adminInUse: "none" });
      expect(overview?.checklist.key).toBe(true);
    } finally {
      delete process.env.OPENAI_API_KEY;
    }
  });

  it("answers null for a workspace that does not exist", async () => {
    expect(await workspaceOverview({ workspaceId: "no-such-workspace", userId: "nobody", now: NOW })).toBeNull();
  });
});

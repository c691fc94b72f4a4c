import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { freshDataDir } from "@/test-support/embedded-db";

const sent = vi.hoisted(() => [] as Array<Record<string, unknown>>);
vi.mock("@/lib/notify", () => ({
  sendAlert: async (alert: Record<string, unknown>) => {
    sent.push(alert);
    return "sent";
  },
}));

freshDataDir();
process.env.SIGNUP_MODE = "open";
const { getDb } = await import("@/lib/database");
const { realtimeCalls, auditEvents } = await import("@/db/schema");
const { requestsCounted } = await import("@/lib/limits/rate-limit");
const { createPasswordUser } = await import("@/lib/auth/credentials");
const { resolveWorkspaceAccess } = await import("@/lib/workspaces/workspaces");
const { createInvite, acceptInvite } = await import("@/lib/workspaces/invites");
const { admitMember } = await import("@/lib/http/admit");
const { recordCallUsage, recordProxyRequest } = await import("@/lib/spend/record");
const { listBudgets, removeBudget, setBudget } = await import("./budgets");
const { budgetExceeded } = await import("./exceeded");
const { checkSpend, crossings } = await import("./spend-check");

let seq = 0;
const makeUser = (label: string) =>
  createPasswordUser({ name: label, email: `${label.toLowerCase()}-${++seq}@example.com`, password: "long enough pw" });

/** An owner and a member of the owner's workspace. */
async function team() {
  const owner = await makeUser("Owner");
  const member = await makeUser("Member");
  const { workspaceId } = await resolveWorkspaceAccess({ userId: owner.id });
  const { token } = await createInvite({ workspaceId, email: member.email!, role: "member", invitedBy: owner.id, actorRole: "owner" });
  await acceptInvite({ token, userId: member.id, userEmail: member.email! });
  return { owner, member, workspaceId };
}

/** A proxied request of `usd` (gpt-4.1 list price: $2 per million input tokens). */
const spend = (workspaceId: string, userId: string, usd: number) =>
  recordProxyRequest({
    workspaceId,
    userId,
    route: "test",
    model: "gpt-4.1",
    status: 200,
    usage: { input_tokens: Math.round(usd * 500_000), output_tokens: 0, total_tokens: Math.round(usd * 500_000) },
  });

const admit = (userId: string, workspaceId: string, bucket: string) =>
  admitMember({ userId, sessionVersion: 0, workspaceId, minimumRole: "member", bucket, spends: true });

/** What a member's counter of this bucket reached in the current window. */
const counted = (bucket: string, workspaceId: string, userId: string) => requestsCounted({ key: `${bucket}:${workspaceId}:${userId}` });

beforeAll(async () => {
  await getDb(); // migrations first: they take a while on a loaded machine
});

beforeEach(() => {
  sent.length = 0;
});

describe("admission on routes that spend", () => {
  it("refuses with the workspace's budget once this month's spend reaches it, counts nothing, and a raise lifts it at once", async () => {
    const { owner, member, workspaceId } = await team();
    const bucket = `b${Math.random()}`;
    expect((await admit(member.id, workspaceId, bucket)).reached).toBeNull();
    await spend(workspaceId, member.id, 0.02);
    await setBudget({ workspaceId, limitUsd: 0.01, actorUserId: owner.id });
    const refused = await admit(member.id, workspaceId, bucket);
    expect(refused.reached).toEqual({ scope: "workspace", limitMicros: 10_000, spentMicros: 20_000 });
    expect(refused.counted).toBeNull();
    expect(await counted(bucket, workspaceId, member.id)).toBe(1); // only the first, admitted request
    // The owner is blocked too: the workspace's budget is everyone's.
    expect((await admit(owner.id, workspaceId, bucket)).reached?.scope).toBe("workspace");
    // Routes that do not spend are not affected.
    expect((await admitMember({ userId: member.id, sessionVersion: 0, workspaceId, minimumRole: "member" })).reached).toBeNull();
    await setBudget({ workspaceId, limitUsd: 0.05, actorUserId: owner.id });
    const lifted = await admit(member.id, workspaceId, bucket);
    expect(lifted.reached).toBeNull();
    expect(lifted.counted?.count).toBe(2);
  });

  it("spend that stays under a budget leaves admission as it was; the request that reaches it blocks the next one", async () => {
    const { owner, member, workspaceId } = await team();
    await setBudget({ workspaceId, limitUsd: 0.03, actorUserId: owner.id });
    const bucket = `b${Math.random()}`;
    expect((await admit(member.id, workspaceId, bucket)).reached).toBeNull();
    await spend(workspaceId, member.id, 0.01);
    expect((await admit(member.id, workspaceId, bucket)).reached).toBeNull();
    await spend(workspaceId, owner.id, 0.01);
    expect((await admit(member.id, workspaceId, bucket)).reached).toBeNull();
    await spend(workspaceId, member.id, 0.01);
    expect((await admit(member.id, workspaceId, bucket)).reached).toEqual({ scope: "workspace", limitMicros: 30_000, spentMicros: 30_000 });
    expect((await admit(owner.id, workspaceId, bucket)).reached?.scope).toBe("workspace");
  });

  it("a member's own budget blocks that member only", async () => {
    const { owner, member, workspaceId } = await team();
    await setBudget({ workspaceId, userId: member.id, limitUsd: 0.01, actorUserId: owner.id });
    await setBudget({ workspaceId, limitUsd: 100, actorUserId: owner.id });
    const bucket = `b${Math.random()}`;
    expect((await admit(member.id, workspaceId, bucket)).reached).toBeNull();
    await spend(workspaceId, member.id, 0.01);
    expect((await admit(member.id, workspaceId, bucket)).reached).toEqual({ scope: "member", limitMicros: 10_000, spentMicros: 10_000 });
    expect((await admit(owner.id, workspaceId, bucket)).reached).toBeNull();
    await removeBudget({ workspaceId, userId: member.id, actorUserId: owner.id });
    expect((await admit(member.id, workspaceId, bucket)).reached).toBeNull();
  });

  it("the 402 says whose budget, how much, and when it resets", () => {
    const error = budgetExceeded({
      reached: { scope: "workspace", limitMicros: 10_000, spentMicros: 12_345 },
      at: new Date("2026-11-21T12:00:00Z"),
    });
    expect(error).toMatchObject({
      status: 402,
      code: "budget_exceeded",
      details: { scope: "workspace", budgetUsd: 0.01, spentUsd: 0.012345, resetsAt: "2026-12-01T00:00:00.000Z" },
    });
    expect(error.message).toBe(
      "This workspace has spent $0.0123 of its $0.01 budget for November; it resets on 1 December. An admin can raise it in Settings → Budgets.",
    );
    const member = budgetExceeded({
      reached: { scope: "member", limitMicros: 50_000_000, spentMicros: 51_000_000 },
      at: new Date("2026-12-31T23:59:59Z"),
    });
    expect(member.message).toContain("You have spent $51.00 of your $50.00 budget for December");
    expect(member.message).toContain("resets on 1 January");
  });
});

describe("budgets", () => {
  it("lists the workspace's and every member's budget with this month's spend, and audits changes", async () => {
    const { owner, member, workspaceId } = await team();
    await spend(workspaceId, member.id, 0.5);
    await setBudget({ workspaceId, limitUsd: 10, actorUserId: owner.id });
    await setBudget({ workspaceId, limitUsd: 20, actorUserId: owner.id });
    await setBudget({ workspaceId, userId: member.id, limitUsd: 2.5, actorUserId: owner.id });
    const view = await listBudgets({ workspaceId, at: new Date() });
    expect(view.workspace).toMatchObject({ userId: "", limitUsd: 20, spentUsd: 0.5 });
    expect(view.members.map((m) => [m.email, m.limitUsd, m.spentUsd])).toEqual([
      [member.email, 2.5, 0.5],
      [owner.email, null, 0],
    ]);
    const own = await listBudgets({ workspaceId, onlyUserId: member.id });
    expect(own.members.map((m) => m.userId)).toEqual([member.id]);
    const db = await getDb();
    const audit = (await db.select().from(auditEvents)).filter((e) => e.workspaceId === workspaceId).map((e) => [e.action, e.detail]);
    expect(audit).toEqual([
      ["budget.set", "The workspace's budget: $10.00 a month"],
      ["budget.set", "The workspace's budget: $20.00 a month (was $10.00)"],
      ["budget.set", `The budget of ${member.email}: $2.50 a month`],
    ]);
  });

  it("refuses a budget for someone who is not a member, and removing a budget that is not there", async () => {
    const { owner, workspaceId } = await team();
    const stranger = await makeUser("Stranger");
    await expect(setBudget({ workspaceId, userId: stranger.id, limitUsd: 1, actorUserId: owner.id })).rejects.toMatchObject({
      status: 404,
    });
    await expect(removeBudget({ workspaceId, actorUserId: owner.id })).rejects.toMatchObject({ status: 404 });
    expect((await listBudgets({ workspaceId })).workspace.limitUsd).toBeNull();
  });
});

describe("crossing alerts", () => {
  it("finds the thresholds one write crossed", () => {
    const base = { scope: "workspace" as const, limitMicros: 1_000 };
    expect(crossings({ ...base, spentMicros: 790, costMicros: 10 })).toEqual([]);
    expect(crossings({ ...base, spentMicros: 800, costMicros: 10 }).map((c) => c.threshold)).toEqual([80]);
    expect(crossings({ ...base, spentMicros: 1_200, costMicros: 500 }).map((c) => c.threshold)).toEqual([80, 100]);
    expect(crossings({ ...base, spentMicros: 1_300, costMicros: 100 })).toEqual([]);
    expect(crossings({ ...base, spentMicros: 900, costMicros: 0 })).toEqual([]);
  });

  it("alerts 80 % and 100 % of the workspace's and the member's budgets once each, keyed per budget and month", async () => {
    const { owner, member, workspaceId } = await team();
    await setBudget({ workspaceId, limitUsd: 1, actorUserId: owner.id });
    await setBudget({ workspaceId, userId: member.id, limitUsd: 0.5, actorUserId: owner.id });
    const first = await checkSpend({ totals: await spend(workspaceId, member.id, 0.45) });
    await first.alerts;
    expect(first.reached).toBeNull();
    expect(sent.map((a) => a.alertKey)).toEqual([`budget:${member.id}:80`]);
    const second = await checkSpend({ totals: await spend(workspaceId, member.id, 0.4) });
    await second.alerts;
    expect(second.reached).toMatchObject({ scope: "member", limitMicros: 500_000, spentMicros: 850_000 });
    expect(sent.map((a) => a.alertKey)).toEqual([`budget:${member.id}:80`, "budget:workspace:80", `budget:${member.id}:100`]);
    const month = new Date();
    expect(sent[1]).toMatchObject({
      workspaceId,
      type: "budget.threshold_crossed",
      windowStart: new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth(), 1)),
      data: { scope: "workspace", threshold: 80, budgetUsd: 1, spentUsd: 0.85 },
    });
    expect(String(sent[2]?.text)).toContain(`${member.email}`);
    const third = await checkSpend({ totals: await spend(workspaceId, owner.id, 0.2) });
    await third.alerts;
    expect(third.reached).toMatchObject({ scope: "workspace", spentMicros: 1_050_000 });
    expect(sent.at(-1)).toMatchObject({ alertKey: "budget:workspace:100" });
    expect(sent).toHaveLength(4);
  });

  it("a voice call's usage is checked the same way", async () => {
    const { owner, workspaceId } = await team();
    await setBudget({ workspaceId, limitUsd: 0.001, actorUserId: owner.id });
    const db = await getDb();
    await db.insert(realtimeCalls).values({
      id: `rtc_${seq}`,
      userId: owner.id,
      workspaceId,
      model: "gpt-realtime",
      keySource: "workspace",
      deadlineAt: new Date(Date.now() + 60_000),
    });
    const totals = await recordCallUsage({
      callId: `rtc_${seq}`,
      model: "gpt-realtime",
      usage: { input_tokens: 100, output_tokens: 100, total_tokens: 200 },
    });
    const { reached, alerts } = await checkSpend({ totals });
    await alerts;
    expect(reached?.scope).toBe("workspace");
    expect(sent.map((a) => a.alertKey)).toEqual(["budget:workspace:80", "budget:workspace:100"]);
  });
});

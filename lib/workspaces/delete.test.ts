import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { freshDataDir } from "@/test-support/embedded-db";

freshDataDir();
process.env.SIGNUP_MODE = "open";
const { getDb } = await import("@/lib/database");
const schema = await import("@/db/schema");
const { createPasswordUser } = await import("@/lib/auth/credentials");
const { resolveWorkspaceAccess, createWorkspace, deleteWorkspace, listUserWorkspaces } = await import("./workspaces");
const { createInvite, acceptInvite } = await import("./invites");

let seq = 0;
const makeUser = (label: string) =>
  createPasswordUser({ name: label, email: `${label.toLowerCase()}-${++seq}@example.com`, password: "long enough pw" });

async function join(workspaceId: string, owner: { id: string }, user: { id: string; email: string | null }) {
  const { token } = await createInvite({ workspaceId, email: user.email!, role: "member", invitedBy: owner.id, actorRole: "owner" });
  await acceptInvite({ token, userId: user.id, userEmail: user.email! });
}

/** Rows of every kind that belong to the workspace. */
async function fill(workspaceId: string, userId: string) {
  const db = await getDb();
  await db.insert(schema.llmKeys).values({
    workspaceId,
    provider: "openai",
    scope: "workspace",
    ciphertext: "v1:not:a-real:envelope",
    keyHint: "…fake",
    createdBy: userId,
  });
  await db
    .insert(schema.realtimeCalls)
    .values({ id: `rtc_fake_${workspaceId}`, userId, workspaceId, model: "gpt-realtime", keySource: "workspace" });
  await db
    .insert(schema.auditEvents)
    .values({ workspaceId, actorUserId: userId, action: "key.saved", provider: "openai", scope: "workspace" });
  await db.insert(schema.routeMetrics).values({
    minute: new Date(),
    route: "workspace",
    workspaceId,
    statusClass: "2xx",
    count: 1,
    latencySumMs: 1,
    latencyBuckets: [1],
  });
  await createInvite({ workspaceId, email: `pending-${workspaceId}@example.com`, role: "member", invitedBy: userId, actorRole: "owner" });
}

async function rowsOf(workspaceId: string) {
  const db = await getDb();
  const count = async (
    table:
      | typeof schema.llmKeys
      | typeof schema.realtimeCalls
      | typeof schema.auditEvents
      | typeof schema.invites
      | typeof schema.memberships
      | typeof schema.routeMetrics,
  ) => (await db.select().from(table).where(eq(table.workspaceId, workspaceId))).length;
  return {
    keys: await count(schema.llmKeys),
    calls: await count(schema.realtimeCalls),
    audit: await count(schema.auditEvents),
    invites: await count(schema.invites),
    memberships: await count(schema.memberships),
    metrics: await count(schema.routeMetrics),
    workspace: (await db.select().from(schema.workspaces).where(eq(schema.workspaces.id, workspaceId))).length,
  };
}

describe("deleting a workspace", () => {
  it("refuses a typed name that is not exactly the workspace's, and changes nothing", async () => {
    const owner = await makeUser("Careful");
    const team = await createWorkspace({ userId: owner.id, name: "Platform team" });
    await fill(team.id, owner.id);
    const before = await rowsOf(team.id);
    for (const typed of ["platform team", "Platform", "Platform team ", ""])
      await expect(deleteWorkspace({ workspaceId: team.id, userId: owner.id, confirmName: typed })).rejects.toMatchObject({
        status: 400,
        message: 'Type the workspace\'s name, "Platform team", exactly to delete it.',
      });
    expect(await rowsOf(team.id)).toEqual(before);
    expect(before).toMatchObject({ keys: 1, calls: 1, audit: 1, invites: 1, memberships: 1, metrics: 1, workspace: 1 });
  });

  it("takes its keys, calls, invites, audit, metrics and memberships with it; members move to another workspace", async () => {
    const owner = await makeUser("Deleter");
    const member = await makeUser("Bystander");
    const team = await createWorkspace({ userId: owner.id, name: "Doomed" });
    await join(team.id, owner, member);
    await fill(team.id, owner.id);
    const other = await createWorkspace({ userId: member.id, name: "Bystander's other" });
    const db = await getDb();
    await db.update(schema.users).set({ currentWorkspaceId: team.id }).where(eq(schema.users.id, member.id));

    const result = await deleteWorkspace({ workspaceId: team.id, userId: owner.id, confirmName: "Doomed" });

    expect(await rowsOf(team.id)).toEqual({ keys: 0, calls: 0, audit: 0, invites: 0, memberships: 0, metrics: 0, workspace: 0 });
    expect(result.deleted).toEqual({ id: team.id, name: "Doomed", members: 2 });
    // The owner had it open: they land on their oldest remaining workspace (their personal one).
    expect(result.next).toMatchObject({ name: "Deleter's workspace", created: false });
    expect(result.personalWorkspacesCreated).toBe(0);
    expect((await resolveWorkspaceAccess({ userId: owner.id })).workspaceId).toBe(result.next.id);
    // The member had it open too: their oldest remaining membership.
    const memberNow = await resolveWorkspaceAccess({ userId: member.id });
    expect(memberNow.workspaceName).toBe("Bystander's workspace");
    expect((await listUserWorkspaces({ userId: member.id })).map((w) => w.id)).toContain(other.id);
    // Nobody's accounts went.
    expect((await db.select().from(schema.users).where(eq(schema.users.id, member.id))).length).toBe(1);
  });

  it("gives a fresh personal workspace to whoever had no other, the deleting owner included", async () => {
    const owner = await makeUser("Lonely");
    const joiner = await makeUser("Joiner");
    const db = await getDb();
    const personal = await resolveWorkspaceAccess({ userId: owner.id });
    await join(personal.workspaceId, owner, joiner);
    // The joiner leaves their own personal workspace behind: this is now their only one.
    const joinersOwn = (await listUserWorkspaces({ userId: joiner.id })).find((w) => w.role === "owner")!;
    await db.delete(schema.workspaces).where(eq(schema.workspaces.id, joinersOwn.id));

    const result = await deleteWorkspace({ workspaceId: personal.workspaceId, userId: owner.id, confirmName: personal.workspaceName });

    expect(result.personalWorkspacesCreated).toBe(2);
    expect(result.next).toMatchObject({ name: "Lonely's workspace", created: true });
    expect(result.next.id).not.toBe(personal.workspaceId);
    expect(await resolveWorkspaceAccess({ userId: owner.id })).toMatchObject({ workspaceId: result.next.id, role: "owner" });
    expect(await resolveWorkspaceAccess({ userId: joiner.id })).toMatchObject({ workspaceName: "Joiner's workspace", role: "owner" });
  });

  it("leaves the deleting owner where they were when they delete another of their workspaces", async () => {
    const owner = await makeUser("Elsewhere");
    const here = await resolveWorkspaceAccess({ userId: owner.id });
    const side = await createWorkspace({ userId: owner.id, name: "Side project" });
    await (await getDb()).update(schema.users).set({ currentWorkspaceId: here.workspaceId }).where(eq(schema.users.id, owner.id));
    const result = await deleteWorkspace({ workspaceId: side.id, userId: owner.id, confirmName: "Side project" });
    expect(result.next).toEqual({ id: here.workspaceId, name: here.workspaceName, created: false });
  });
});

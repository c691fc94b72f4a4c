import { describe, expect, it } from "vitest";
import { freshDataDir } from "@/test-support/embedded-db";

freshDataDir();
// These tests make many unrelated accounts; the sign-up policy has its own tests.
process.env.SIGNUP_MODE = "open";
const { createPasswordUser } = await import("@/lib/auth/credentials");
const { resolveWorkspaceAccess } = await import("@/lib/workspaces/workspaces");
const { admitMember } = await import("./admit");
const { requestsCounted, settleRateLimit } = await import("@/lib/limits/rate-limit");
const { createInvite, acceptInvite } = await import("@/lib/workspaces/invites");
const { removeMember } = await import("@/lib/workspaces/members");
const { endSessions } = await import("@/lib/auth/sessions");

let seq = 0;
const makeUser = (label: string) =>
  createPasswordUser({ name: label, email: `${label.toLowerCase()}-${++seq}@example.com`, password: "long enough pw" });

/** What a member's counter of this bucket reached in the current window. */
const counted = (bucket: string, workspaceId: string, userId: string) => requestsCounted({ key: `${bucket}:${workspaceId}:${userId}` });

describe("admitMember: membership, role and budget in one statement", () => {
  it("admits a member of their current workspace and counts one request against the budget", async () => {
    const user = await makeUser("Admit");
    const own = await resolveWorkspaceAccess({ userId: user.id });
    const bucket = `b${Math.random()}`;
    const first = await admitMember({ userId: user.id, sessionVersion: 0, minimumRole: "member", bucket });
    expect(first.access).toEqual(own);
    expect(first.counted?.count).toBe(1);
    expect(settleRateLimit({ ...first.counted!, limit: 5 })).toMatchObject({ limit: 5, remaining: 4 });
    const second = await admitMember({ userId: user.id, sessionVersion: 0, workspaceId: own.workspaceId, minimumRole: "owner", bucket });
    expect(second.counted?.count).toBe(2);
    expect(await counted(bucket, own.workspaceId, user.id)).toBe(2);
  });

  it("answers 404 for a workspace the user is not in, and counts nothing", async () => {
    const user = await makeUser("Stranger");
    const other = await makeUser("Owner");
    const theirs = await resolveWorkspaceAccess({ userId: other.id });
    const bucket = `b${Math.random()}`;
    await expect(
      admitMember({ userId: user.id, sessionVersion: 0, workspaceId: theirs.workspaceId, minimumRole: "member", bucket }),
    ).rejects.toMatchObject({ status: 404, code: "not_found" });
    await expect(
      admitMember({ userId: user.id, sessionVersion: 0, workspaceId: "nope", minimumRole: "member", bucket }),
    ).rejects.toMatchObject({
      status: 404,
    });
    expect(await counted(bucket, theirs.workspaceId, user.id)).toBe(0);
  });

  it("returns a member's role without counting when the route needs admin", async () => {
    const owner = await makeUser("Lead");
    const member = await makeUser("Member");
    const team = await resolveWorkspaceAccess({ userId: owner.id });
    const { token } = await createInvite({
      workspaceId: team.workspaceId,
      email: member.email!,
      role: "member",
      invitedBy: owner.id,
      actorRole: "owner",
    });
    await acceptInvite({ token, userId: member.id, userEmail: member.email! });
    const bucket = `b${Math.random()}`;
    const admission = await admitMember({
      userId: member.id,
      sessionVersion: 0,
      workspaceId: team.workspaceId,
      minimumRole: "admin",
      bucket,
    });
    expect(admission).toEqual({
      caller: { userId: member.id, email: member.email, name: "Member" },
      access: { ...team, role: "member" },
      counted: null,
      reached: null,
    });
    expect(await counted(bucket, team.workspaceId, member.id)).toBe(0);
  });

  it("counts 50 concurrent requests exactly once each, so settling at 30 admits exactly 30 (the rest 429)", async () => {
    const user = await makeUser("Burst");
    const bucket = `b${Math.random()}`;
    const admissions = await Promise.all(
      Array.from({ length: 50 }, () => admitMember({ userId: user.id, sessionVersion: 0, minimumRole: "member", bucket })),
    );
    expect(admissions.map((a) => a.counted!.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    const settled = admissions.map((a) => {
      try {
        return settleRateLimit({ ...a.counted!, limit: 30 });
      } catch (error) {
        return error;
      }
    });
    expect(settled.filter((s) => !(s instanceof Error))).toHaveLength(30);
    for (const error of settled.filter((s) => s instanceof Error))
      expect(error).toMatchObject({ status: 429, code: "rate_limited", headers: { "RateLimit-Remaining": "0" } });
    expect(await counted(bucket, admissions[0]!.access.workspaceId, user.id)).toBe(50);
  });
});

describe("admitMember: the session version is part of the same statement", () => {
  it("refuses a session issued before the user's sessions were ended, counting nothing, and admits the new one", async () => {
    const user = await makeUser("Revoked");
    const bucket = `b${Math.random()}`;
    await admitMember({ userId: user.id, sessionVersion: 0, minimumRole: "member", bucket });
    await endSessions({ userId: user.id });
    await expect(admitMember({ userId: user.id, sessionVersion: 0, minimumRole: "member", bucket })).rejects.toMatchObject({
      status: 401,
      code: "unauthorized",
      message: "Your session has ended. Sign in again.",
    });
    await expect(admitMember({ userId: user.id, sessionVersion: 0, minimumRole: "member" })).rejects.toMatchObject({ status: 401 });
    expect(await counted(bucket, (await resolveWorkspaceAccess({ userId: user.id })).workspaceId, user.id)).toBe(1);
    const fresh = await admitMember({ userId: user.id, sessionVersion: 1, minimumRole: "member", bucket });
    expect(fresh.counted?.count).toBe(2);
  });

  it("refuses the session of a user who no longer exists", async () => {
    await expect(admitMember({ userId: "no-such-user", sessionVersion: 0, minimumRole: "member" })).rejects.toMatchObject({ status: 401 });
  });

  it("admits without counting when the route has no budget, and a removed member's next request is 404", async () => {
    const owner = await makeUser("Host");
    const member = await makeUser("Guest");
    const team = await resolveWorkspaceAccess({ userId: owner.id });
    const { token } = await createInvite({
      workspaceId: team.workspaceId,
      email: member.email!,
      role: "member",
      invitedBy: owner.id,
      actorRole: "owner",
    });
    await acceptInvite({ token, userId: member.id, userEmail: member.email! });
    const admitted = await admitMember({ userId: member.id, sessionVersion: 0, workspaceId: team.workspaceId, minimumRole: "member" });
    expect(admitted).toEqual({
      caller: { userId: member.id, email: member.email, name: "Guest" },
      access: { ...team, role: "member" },
      counted: null,
      reached: null,
    });
    await removeMember({ workspaceId: team.workspaceId, actorRole: "owner", actorUserId: owner.id, targetUserId: member.id });
    await expect(
      admitMember({ userId: member.id, sessionVersion: 0, workspaceId: team.workspaceId, minimumRole: "member" }),
    ).rejects.toMatchObject({ status: 404 });
  });
});

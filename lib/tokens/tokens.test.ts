import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { freshDataDir } from "@/test-support/embedded-db";

freshDataDir();
process.env.SIGNUP_MODE = "open";
const { getDb, getDatabaseHandle } = await import("@/lib/database");
const { apiTokens, auditEvents } = await import("@/db/schema");
const { requestsCounted } = await import("@/lib/limits/rate-limit");
const { createPasswordUser } = await import("@/lib/auth/credentials");
const { resolveWorkspaceAccess } = await import("@/lib/workspaces/workspaces");
const { createInvite, acceptInvite } = await import("@/lib/workspaces/invites");
const { removeMember } = await import("@/lib/workspaces/members");
const { admitMember } = await import("@/lib/http/admit");
const { hashSecret } = await import("./credential");
const { createToken, listTokens, revokeToken } = await import("./tokens");

let seq = 0;
const makeUser = (label: string) =>
  createPasswordUser({ name: label, email: `${label.toLowerCase()}-${++seq}@example.com`, password: "long enough pw" });

/** An owner's workspace with a member in it. */
async function team() {
  const owner = await makeUser("Owner");
  const member = await makeUser("Member");
  const access = await resolveWorkspaceAccess({ userId: owner.id });
  const { token } = await createInvite({
    workspaceId: access.workspaceId,
    email: member.email!,
    role: "member",
    invitedBy: owner.id,
    actorRole: "owner",
  });
  await acceptInvite({ token, userId: member.id, userEmail: member.email! });
  return { owner, member, workspaceId: access.workspaceId };
}

/** What the route wrapper reads from `Authorization: Bearer oc_<id>_<secret>`. */
const credentialOf = (token: string) => {
  const [, id, secret] = /^oc_([A-Za-z0-9]{16})_(.+)$/.exec(token)!;
  return { id: id!, secretHash: hashSecret(secret!) };
};

/** What a member's counter of this bucket reached in the current window. */
const counted = (bucket: string, workspaceId: string, userId: string) => requestsCounted({ key: `${bucket}:${workspaceId}:${userId}` });

beforeAll(async () => {
  await getDb(); // migrations first: they take a while on a loaded machine
}, 120_000);

describe("personal access tokens in the admission statement", () => {
  it("admits the token's member in the token's workspace (not their current one), counts them and notes the use", async () => {
    const { member, workspaceId } = await team();
    const created = await createToken({ workspaceId, userId: member.id, name: "CI", scopes: ["usage:read"], expiresInDays: 30 });
    expect(created.token).toMatch(/^oc_[A-Za-z0-9]{16}_[A-Za-z0-9_-]{32}$/);
    const bucket = `b${Math.random()}`;
    const admitted = await admitMember({
      userId: null,
      sessionVersion: 0,
      token: { ...credentialOf(created.token), scopes: ["usage:read"] },
      minimumRole: "member",
      bucket,
    });
    expect(admitted.caller).toEqual({ userId: member.id, email: member.email, name: "Member" });
    expect(admitted.access).toMatchObject({ workspaceId, role: "member" });
    expect(await counted(bucket, workspaceId, member.id)).toBe(1);
    const [row] = await (await getDb()).select().from(apiTokens).where(eq(apiTokens.id, created.id));
    expect(row!.lastUsedAt).toBeInstanceOf(Date);
    expect(row!.secretHash).not.toContain(created.token.split("_").pop());
  });

  it("refuses a wrong secret, a revoked or expired token (401), another scope or workspace (403), counting nothing", async () => {
    const { member, workspaceId } = await team();
    const { token, id } = await createToken({ workspaceId, userId: member.id, name: "Script", scopes: ["chat"], expiresInDays: null });
    const bucket = `b${Math.random()}`;
    const admit = (
      credential: { id: string; secretHash: string },
      extra: { workspaceId?: string; scopes?: ("chat" | "usage:read")[] } = {},
    ) =>
      admitMember({
        userId: null,
        sessionVersion: 0,
        token: { ...credential, scopes: extra.scopes ?? ["chat"] },
        workspaceId: extra.workspaceId,
        minimumRole: "member",
        bucket,
      });

    await expect(admit({ id, secretHash: hashSecret("wrong".repeat(6)) })).rejects.toMatchObject({ status: 401 });
    await expect(admit(credentialOf(token), { scopes: ["usage:read"] })).rejects.toMatchObject({ status: 403, code: "insufficient_scope" });
    await expect(admit(credentialOf(token), { workspaceId: "some-other-workspace" })).rejects.toMatchObject({
      status: 403,
      code: "forbidden",
    });
    expect(await counted(bucket, workspaceId, member.id)).toBe(0);

    await (await getDb())
      .update(apiTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiTokens.id, id));
    await expect(admit(credentialOf(token))).rejects.toMatchObject({ status: 401, message: expect.stringContaining("expired") });
    await (await getDb()).update(apiTokens).set({ expiresAt: null }).where(eq(apiTokens.id, id));
    await admit(credentialOf(token));
    await revokeToken({ workspaceId, tokenId: id, viewer: { userId: member.id, role: "member" } });
    await expect(admit(credentialOf(token))).rejects.toMatchObject({ status: 401, message: expect.stringContaining("revoked") });
    expect(await counted(bucket, workspaceId, member.id)).toBe(1);
  });

  it("stops working when its member leaves the workspace", async () => {
    const { owner, member, workspaceId } = await team();
    const { token } = await createToken({ workspaceId, userId: member.id, name: "Leaver", scopes: ["chat"], expiresInDays: 7 });
    const admit = () =>
      admitMember({ userId: null, sessionVersion: 0, token: { ...credentialOf(token), scopes: ["chat"] }, minimumRole: "member" });
    await admit();
    await removeMember({ workspaceId, targetUserId: member.id, actorUserId: owner.id, actorRole: "owner" });
    await expect(admit()).rejects.toMatchObject({ status: 401, message: expect.stringContaining("no longer belongs") });
  });
});

describe("embedded mode remembers a token's admission", () => {
  it("a token's use (last_used_at) is not news to remembered admissions; its revocation is, at once", async () => {
    const { member, workspaceId } = await team();
    const { token, id } = await createToken({ workspaceId, userId: member.id, name: "Hot", scopes: ["chat"], expiresInDays: 1 });
    const admit = () =>
      admitMember({ userId: null, sessionVersion: 0, token: { ...credentialOf(token), scopes: ["chat"] }, minimumRole: "member" });
    const epoch = (await getDatabaseHandle()).admissionEpoch!;
    const db = await getDb();
    const before = epoch();
    await admit();
    await db
      .update(apiTokens)
      .set({ lastUsedAt: new Date(Date.now() - 120_000) })
      .where(eq(apiTokens.id, id));
    await admit();
    expect(epoch()).toBe(before);
    await revokeToken({ workspaceId, tokenId: id, viewer: { userId: member.id, role: "member" } });
    expect(epoch()).toBeGreaterThan(before);
    await expect(admit()).rejects.toMatchObject({ status: 401, message: expect.stringContaining("revoked") });
  });
});

describe("listing and revoking", () => {
  it("shows a member their own tokens and an admin everyone's, never a secret; a member cannot revoke another's", async () => {
    const { owner, member, workspaceId } = await team();
    const mine = await createToken({ workspaceId, userId: member.id, name: "Mine", scopes: ["chat"], expiresInDays: 30 });
    const theirs = await createToken({ workspaceId, userId: owner.id, name: "Owner's", scopes: ["mcp", "usage:read"], expiresInDays: 30 });
    const memberView = await listTokens({ workspaceId, viewer: { userId: member.id, role: "member" } });
    expect(memberView.map((t) => t.name)).toEqual(["Mine"]);
    const ownerView = await listTokens({ workspaceId, viewer: { userId: owner.id, role: "owner" } });
    // Made in the same millisecond, the two have no order between them.
    expect(ownerView.map((t) => t.name).sort()).toEqual(["Mine", "Owner's"]);
    expect(ownerView.find((t) => t.id === theirs.id)).toMatchObject({
      status: "active",
      hint: `oc_${theirs.id}_…`,
      scopes: ["mcp", "usage:read"],
    });
    expect(JSON.stringify(ownerView)).not.toContain(mine.token.split("_").pop());
    expect(JSON.stringify(ownerView)).not.toMatch(/secretHash|secret_hash/);

    await expect(revokeToken({ workspaceId, tokenId: theirs.id, viewer: { userId: member.id, role: "member" } })).rejects.toMatchObject({
      status: 404,
    });
    const revoked = await revokeToken({ workspaceId, tokenId: mine.id, viewer: { userId: owner.id, role: "owner" } });
    expect(revoked.alreadyRevoked).toBe(false);
    expect((await revokeToken({ workspaceId, tokenId: mine.id, viewer: { userId: owner.id, role: "owner" } })).alreadyRevoked).toBe(true);
    expect((await listTokens({ workspaceId, viewer: { userId: member.id, role: "member" } }))[0]?.status).toBe("revoked");
    const audit = await (await getDb()).select().from(auditEvents).where(eq(auditEvents.workspaceId, workspaceId));
    expect(audit.map((a) => a.action).sort()).toEqual(["token.created", "token.created", "token.revoked"]);
  });
});

import { count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createScratchDatabase, postgresReachable } from "@/test-support/postgres";
import { freshDataDir } from "@/test-support/embedded-db";

// On a real PostgreSQL server when there is one (concurrent transactions really overlap there),
// else on the embedded database.
const scratch = (await postgresReachable()) ? await createScratchDatabase() : null;
if (scratch) process.env.DATABASE_URL = scratch.url;
else freshDataDir();

const { getDatabaseHandle, getDb } = await import("@/lib/database");
const { invites, users, workspaces } = await import("@/db/schema");
const { createPasswordUser } = await import("./credentials");
const { createAccount } = await import("./accounts");
const { emailDomainAllowed, newIdentityRefused, signUpOffer } = await import("./signup-policy");
const { createInvite, revokeInvite, acceptInvite, findInvite, listPendingInvites } = await import("@/lib/workspaces/invites");

const password = "long enough pw";
const signUp = (email: string) => createPasswordUser({ name: email.split("@")[0] ?? "x", email, password });
const userCount = async () => (await (await getDb()).select({ n: count() }).from(users))[0]?.n;
const userRow = async (email: string) => (await (await getDb()).select().from(users).where(eq(users.email, email)))[0];

function setMode(mode: string, domains?: string) {
  process.env.SIGNUP_MODE = mode;
  if (domains) process.env.SIGNUP_DOMAINS = domains;
  else delete process.env.SIGNUP_DOMAINS;
}

beforeAll(async () => {
  const handle = await getDatabaseHandle();
  if (scratch) await handle.migrate();
});

afterAll(async () => {
  await (await getDatabaseHandle()).close();
  await scratch?.drop();
});

beforeEach(async () => {
  await (await getDb()).execute(sql`truncate ${users}, ${workspaces}, ${invites} cascade`);
  setMode("invite");
});

/** The first account, and a workspace it can invite people to. */
async function owner() {
  const user = await signUp("owner@example.com");
  const [ws] = await (await getDb()).select().from(workspaces).where(eq(workspaces.createdBy, user.id));
  if (!ws) throw new Error("no workspace");
  const invite = (email: string) => createInvite({ workspaceId: ws.id, email, role: "member", invitedBy: user.id, actorRole: "owner" });
  return { user, ws, invite };
}

describe("the first account", () => {
  it("may always sign up, owns the instance, and its workspace may spend the fallback keys", async () => {
    expect((await signUpOffer()).selfService).toBe(true);
    const { user, ws } = await owner();
    expect((await userRow(user.email))?.isInstanceOwner).toBe(true);
    expect(ws.fallbackKeysAllowed).toBe(true);
    expect(await signUpOffer()).toMatchObject({ selfService: false, firstAccount: false });
  });

  it("is exactly one when strangers sign up at the same time (invite mode: the others are refused)", async () => {
    for (let round = 0; round < 3; round++) {
      await (await getDb()).execute(sql`truncate ${users}, ${workspaces}, ${invites} cascade`);
      const results = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => signUp(`racer${i}@example.com`)));
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      for (const r of results.filter((r) => r.status === "rejected"))
        expect((r as PromiseRejectedResult).reason).toMatchObject({ code: "signup_not_allowed", status: 403 });
      expect(await userCount()).toBe(1);
      const owners = await (await getDb()).select().from(users).where(eq(users.isInstanceOwner, true));
      expect(owners).toHaveLength(1);
    }
  });

  it("is exactly one when everyone may sign up at once (open mode)", async () => {
    setMode("open");
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => signUp(`open${i}@example.com`)));
    expect(results.filter((u) => u.isInstanceOwner)).toHaveLength(1);
    expect(await userCount()).toBe(6);
    const allowed = await (await getDb()).select().from(workspaces).where(eq(workspaces.fallbackKeysAllowed, true));
    expect(allowed).toHaveLength(1);
  });
});

describe("invite mode", () => {
  it("refuses a stranger without writing a user row, and admits an invited email", async () => {
    const { invite } = await owner();
    await expect(signUp("stranger@example.com")).rejects.toMatchObject({ code: "signup_not_allowed", status: 403 });
    expect(await userRow("stranger@example.com")).toBeUndefined();
    expect(await userCount()).toBe(1);

    await invite("guest@example.com");
    const guest = await signUp("guest@example.com");
    expect(guest.isInstanceOwner).toBe(false);
    expect(await userCount()).toBe(2);
  });

  it("does not count a revoked or an expired invite", async () => {
    const { ws, invite } = await owner();
    const { invite: revoked } = await invite("revoked@example.com");
    await revokeInvite({ workspaceId: ws.id, inviteId: revoked.id });
    await expect(signUp("revoked@example.com")).rejects.toMatchObject({ code: "signup_not_allowed" });

    await invite("late@example.com");
    await (await getDb())
      .update(invites)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invites.email, "late@example.com"));
    await expect(signUp("late@example.com")).rejects.toMatchObject({ code: "signup_not_allowed" });
    expect(await userCount()).toBe(1);
  });

  it("refuses a new OAuth/OIDC identity before any row is written, and lets existing users in", async () => {
    expect(await newIdentityRefused({ email: "first@sso.example.com" })).toBe(false);
    const { invite } = await owner();
    expect(await newIdentityRefused({ email: "Owner@Example.com" })).toBe(false);
    expect(await newIdentityRefused({ email: "new@sso.example.com" })).toBe(true);
    await invite("invited@sso.example.com");
    expect(await newIdentityRefused({ email: "invited@sso.example.com" })).toBe(false);
    // The adapter's createUser path applies the same policy in its transaction.
    await expect(createAccount({ email: "new@sso.example.com", name: "New" })).rejects.toMatchObject({
      code: "signup_not_allowed",
    });
    expect(await userRow("new@sso.example.com")).toBeUndefined();
  });
});

describe("domain mode", () => {
  it("matches the email's domain exactly and case-insensitively", () => {
    const domains = ["example.com", "corp.example"];
    expect(emailDomainAllowed("ada@example.com", domains)).toBe(true);
    expect(emailDomainAllowed("Ada@EXAMPLE.COM", domains)).toBe(true);
    expect(emailDomainAllowed("ada@corp.example", domains)).toBe(true);
    expect(emailDomainAllowed("ada@eu.example.com", domains)).toBe(false);
    expect(emailDomainAllowed("ada@example.com.evil.test", domains)).toBe(false);
    expect(emailDomainAllowed("ada@notexample.com", domains)).toBe(false);
    expect(emailDomainAllowed("example.com", domains)).toBe(false);
  });

  it("admits allowed domains (configured in any case) and invited addresses, and no one else", async () => {
    setMode("domain", " Example.COM ,corp.example");
    const { invite } = await owner();
    expect((await signUpOffer()).selfService).toBe(true);
    await signUp("colleague@example.com");
    await createAccount({ email: "SSO.User@Corp.Example", name: "SSO" });
    await expect(signUp("outsider@other.example")).rejects.toMatchObject({ code: "signup_not_allowed" });
    expect(await newIdentityRefused({ email: "outsider@other.example" })).toBe(true);
    await invite("contractor@other.example");
    await signUp("contractor@other.example");
    expect(await userCount()).toBe(4);
  });
});

describe("open mode", () => {
  it("admits anyone", async () => {
    setMode("open");
    await owner();
    await signUp("anyone@anywhere.example");
    expect(await newIdentityRefused({ email: "someone@else.example" })).toBe(false);
    expect(await userCount()).toBe(2);
  });
});

describe("invites", () => {
  it("inviting the same email again replaces the open invite: one row, the old link dead", async () => {
    const { ws, invite } = await owner();
    const first = await invite("twice@example.com");
    const second = await invite("twice@example.com");
    expect(second.invite.id).toBe(first.invite.id);
    expect(await findInvite({ token: first.token })).toBeNull();
    expect((await findInvite({ token: second.token }))?.state).toBe("pending");
    expect((await listPendingInvites({ workspaceId: ws.id })).map((i) => i.email)).toEqual(["twice@example.com"]);
    const rows = await (await getDb()).select().from(invites).where(eq(invites.email, "twice@example.com"));
    expect(rows).toHaveLength(1);
  });

  it("a revoked invite stays as a row and its link says it was revoked (410); expired says expired", async () => {
    const { ws, invite } = await owner();
    setMode("open");
    const member = await signUp("member@example.com");
    const { invite: row, token } = await invite("member@example.com");
    await revokeInvite({ workspaceId: ws.id, inviteId: row.id });
    expect((await findInvite({ token }))?.state).toBe("revoked");
    await expect(acceptInvite({ token, userId: member.id, userEmail: member.email })).rejects.toMatchObject({
      code: "invite_revoked",
      status: 410,
    });
    await expect(revokeInvite({ workspaceId: ws.id, inviteId: row.id })).rejects.toMatchObject({ status: 404 });
    expect(await listPendingInvites({ workspaceId: ws.id })).toEqual([]);

    const again = await invite("member@example.com");
    expect(again.invite.id).not.toBe(row.id);
    await (await getDb())
      .update(invites)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invites.id, again.invite.id));
    await expect(acceptInvite({ token: again.token, userId: member.id, userEmail: member.email })).rejects.toMatchObject({
      code: "invite_expired",
      status: 410,
    });
    expect(await findInvite({ token: "garbage!" })).toBeNull();
  });
});

import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditEvents, users, workspaces } from "@/db/schema";
import { parseEnv } from "@/lib/config/env";
import { freshDataDir } from "@/test-support/embedded-db";

// Who may spend the server's fallback keys: the workspaces the instance owner allowed, or those
// OPENAI_FALLBACK_WORKSPACES names. Embedded PGlite in a fresh directory.
const dataDir = freshDataDir();
process.env.ENCRYPTION_KEYS = `v1:${randomBytes(32).toString("base64")}`;
const { getDatabaseHandle, getDb } = await import("@/lib/database");
const { createPasswordUser } = await import("@/lib/auth/credentials");
const { listInstanceWorkspaces, setFallbackAllowance } = await import("@/lib/instance/workspaces");
const { keyInUse, resolveOpenAIKey } = await import("./resolve");
const { storeKey } = await import("./store");

const ENV_API_KEY = "sk-proj-instance-owner-money-0000000001";
const ENV_ADMIN_KEY = "sk-admin-instance-owner-money-000000002";

beforeAll(() => getDb());
afterAll(async () => {
  await (await getDatabaseHandle()).close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});
beforeEach(() => {
  process.env.OPENAI_API_KEY = ENV_API_KEY;
  process.env.OPENAI_ADMIN_KEY = ENV_ADMIN_KEY;
  delete process.env.OPENAI_FALLBACK_WORKSPACES;
});

const uid = () => randomBytes(6).toString("hex");

async function workspace(fallbackKeysAllowed: boolean) {
  const db = await getDb();
  const [user] = await db
    .insert(users)
    .values({ email: `u-${uid()}@example.com`, name: "U" })
    .returning();
  const [ws] = await db
    .insert(workspaces)
    .values({ name: `ws ${uid()}`, fallbackKeysAllowed })
    .returning();
  if (!user || !ws) throw new Error("seed failed");
  return { workspaceId: ws.id, userId: user.id };
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (e: { status: number; code: string; message: string; details: unknown }) => e,
  );

describe("a new instance", () => {
  it("makes its first account the instance owner and lets its first workspace, only, use the server's keys", async () => {
    process.env.SIGNUP_MODE = "open";
    const first = await createPasswordUser({ name: "Founder", email: `founder-${uid()}@example.com`, password: "correct horse battery" });
    const second = await createPasswordUser({
      name: "Stranger",
      email: `stranger-${uid()}@example.com`,
      password: "correct horse battery",
    });
    const db = await getDb();
    const owners = await db.select({ id: users.id }).from(users).where(eq(users.isInstanceOwner, true));
    expect(owners.map((o) => o.id)).toEqual([first.id]);
    const rows = await db.select({ createdBy: workspaces.createdBy, allowed: workspaces.fallbackKeysAllowed }).from(workspaces);
    expect(rows).toEqual(
      expect.arrayContaining([
        { createdBy: first.id, allowed: true },
        { createdBy: second.id, allowed: false },
      ]),
    );
  });
});

describe("resolveOpenAIKey and the fallback allowance", () => {
  it.each(["openai", "openai-admin"] as const)("an allowed workspace spends the server's %s key", async (provider) => {
    const { workspaceId, userId } = await workspace(true);
    const resolved = await resolveOpenAIKey({ workspaceId, userId, provider });
    expect(resolved).toMatchObject({ source: "env", apiKey: provider === "openai" ? ENV_API_KEY : ENV_ADMIN_KEY });
    expect((await keyInUse({ workspaceId, userId, provider })).key).toBe("instance");
  });

  it.each(["openai", "openai-admin"] as const)(
    "a workspace not allowed gets 424 naming the server's key as unavailable (%s)",
    async (provider) => {
      const { workspaceId, userId } = await workspace(false);
      const error = await refusal(resolveOpenAIKey({ workspaceId, userId, provider }));
      expect(error).toMatchObject({ status: 424, code: "no_key_configured", details: { provider, serverKey: "not_allowed" } });
      expect(error?.message).toContain("the server's key is not available to this workspace");
      expect(await keyInUse({ workspaceId, userId, provider })).toEqual({ key: "none", instanceKeyAvailable: false });
    },
  );

  it("a workspace not allowed still uses its own key and a member's personal key", async () => {
    const { workspaceId, userId } = await workspace(false);
    const own = `sk-proj-own-${uid()}abcdefgh`;
    await storeKey({ slot: { workspaceId, userId, provider: "openai", scope: "workspace" }, apiKey: own });
    expect(await resolveOpenAIKey({ workspaceId, userId, provider: "openai" })).toMatchObject({ source: "workspace", apiKey: own });
    expect((await keyInUse({ workspaceId, userId, provider: "openai" })).key).toBe("workspace");
    const mine = `sk-proj-mine-${uid()}abcdefgh`;
    await storeKey({ slot: { workspaceId, userId, provider: "openai", scope: "personal" }, apiKey: mine });
    expect(await resolveOpenAIKey({ workspaceId, userId, provider: "openai" })).toMatchObject({ source: "personal", apiKey: mine });
    expect((await keyInUse({ workspaceId, userId, provider: "openai" })).key).toBe("personal");
  });

  it("without a server key the refusal says nothing of an allowance", async () => {
    delete process.env.OPENAI_API_KEY;
    const { workspaceId, userId } = await workspace(true);
    const error = await refusal(resolveOpenAIKey({ workspaceId, userId, provider: "openai" }));
    expect(error).toMatchObject({ status: 424, code: "no_key_configured", details: { serverKey: "absent" } });
    expect(error?.message).not.toContain("not available");
  });

  it("OPENAI_FALLBACK_WORKSPACES overrides the setting both ways, and `none` allows no workspace", async () => {
    const allowedInDb = await workspace(true);
    const listed = await workspace(false);
    process.env.OPENAI_FALLBACK_WORKSPACES = ` ${listed.workspaceId} ,some-other-id`;
    expect((await resolveOpenAIKey({ ...listed, provider: "openai" })).source).toBe("env");
    expect(await refusal(resolveOpenAIKey({ ...allowedInDb, provider: "openai" }))).toMatchObject({ status: 424 });
    process.env.OPENAI_FALLBACK_WORKSPACES = "none";
    expect(await refusal(resolveOpenAIKey({ ...listed, provider: "openai" }))).toMatchObject({ status: 424 });
    expect(await refusal(resolveOpenAIKey({ ...allowedInDb, provider: "openai-admin" }))).toMatchObject({ status: 424 });
    // Ids only: a workspace name (its admins can rename it) is not a valid entry.
    expect(parseEnv({ OPENAI_FALLBACK_WORKSPACES: "Platform team, ops" }).problems.map((p) => p.variable)).toEqual([
      "OPENAI_FALLBACK_WORKSPACES",
    ]);
  });
});

describe("the instance owner's switch", () => {
  it("allows and withdraws at once in this process (despite the 5 s row cache), and audits both in the workspace", async () => {
    const owner = await workspace(false);
    const target = await workspace(false);
    const resolve = () => resolveOpenAIKey({ ...target, provider: "openai" });
    expect(await refusal(resolve())).toMatchObject({ status: 424 }); // now cached as not allowed
    await setFallbackAllowance({ actorUserId: owner.userId, workspaceId: target.workspaceId, allowed: true });
    expect((await resolve()).source).toBe("env");
    await setFallbackAllowance({ actorUserId: owner.userId, workspaceId: target.workspaceId, allowed: false });
    expect(await refusal(resolve())).toMatchObject({ status: 424 });
    const db = await getDb();
    const events = await db.select().from(auditEvents).where(eq(auditEvents.workspaceId, target.workspaceId));
    expect(events.map((e) => e.action).sort()).toEqual(["fallback.allowed", "fallback.revoked"]);
  });

  it("is refused with 409 while the environment decides, and the list shows the environment's choice", async () => {
    const owner = await workspace(false);
    const listed = await workspace(false);
    process.env.OPENAI_FALLBACK_WORKSPACES = listed.workspaceId;
    const error = await refusal(setFallbackAllowance({ actorUserId: owner.userId, workspaceId: listed.workspaceId, allowed: false }));
    expect(error).toMatchObject({ status: 409, code: "conflict" });
    const list = await listInstanceWorkspaces();
    expect(list.setBy).toBe("environment");
    const byId = new Map(list.workspaces.map((w) => [w.id, w.fallbackKeysAllowed]));
    expect(byId.get(listed.workspaceId)).toBe(true);
    expect([...byId.values()].filter(Boolean)).toHaveLength(1);
  });

  it("answers 404 for a workspace that does not exist", async () => {
    const owner = await workspace(false);
    expect(await refusal(setFallbackAllowance({ actorUserId: owner.userId, workspaceId: "nope", allowed: true }))).toMatchObject({
      status: 404,
    });
  });
});

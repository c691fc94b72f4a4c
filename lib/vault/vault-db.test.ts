import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDatabaseHandle, getDb } from "@/lib/database";
import { auditEvents, type LlmProvider, llmKeys, users, workspaces } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { resolveOpenAIKey } from "./resolve";
import { rotateAllKeys } from "./rotate";
import { type KeySlot, removeKey, storeKey } from "./store";

// Embedded PGlite in a fresh directory: getDb() migrates it on first use.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vault-test-"));
const V1 = `v1:${randomBytes(32).toString("base64")}`;
const V2 = `v2:${randomBytes(32).toString("base64")}`;
const KEY_ENV = ["OPENAI_API_KEY", "OPENAI_ADMIN_KEY"] as const;

beforeAll(async () => {
  process.env.DATA_DIR = dataDir;
  delete process.env.DATABASE_URL;
  process.env.ENCRYPTION_KEYS = V1;
  await getDb();
});

afterAll(async () => {
  await (await getDatabaseHandle()).close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

beforeEach(() => {
  process.env.ENCRYPTION_KEYS = V1;
  for (const name of KEY_ENV) delete process.env[name];
});

const uid = () => randomBytes(6).toString("hex");
const fakeKey = (provider: LlmProvider, tag: string) =>
  `${provider === "openai-admin" ? "sk-admin-" : "sk-proj-"}${tag}${randomBytes(12).toString("hex")}`;

async function newWorkspace() {
  const db = await getDb();
  const [alice] = await db
    .insert(users)
    .values({ email: `alice-${uid()}@example.com`, name: "Alice" })
    .returning();
  const [bob] = await db
    .insert(users)
    .values({ email: `bob-${uid()}@example.com`, name: "Bob" })
    .returning();
  // Allowed to spend the server's keys, so the env fallback serves it (fallback-scope.test.ts covers refusals).
  const [ws] = await db
    .insert(workspaces)
    .values({ name: `ws ${uid()}`, fallbackKeysAllowed: true })
    .returning();
  if (!alice || !bob || !ws) throw new Error("seed failed");
  return { workspaceId: ws.id, alice: alice.id, bob: bob.id };
}

async function save(slot: KeySlot, apiKey: string) {
  return (await storeKey({ slot, apiKey })).row;
}

async function expectAppError(promise: Promise<unknown>, status: number, code: string) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect(error).toMatchObject({ status, code });
  return error as AppError;
}

describe("resolveOpenAIKey", () => {
  const providers: LlmProvider[] = ["openai", "openai-admin"];
  const combos = providers.flatMap((provider) =>
    [true, false].flatMap((personal) =>
      [true, false].flatMap((workspace) => [true, false].map((env) => ({ provider, personal, workspace, env }))),
    ),
  );

  it.each(combos)("provider=$provider personal=$personal workspace=$workspace env=$env", async (c) => {
    const { workspaceId, alice, bob } = await newWorkspace();
    const keys = { personal: fakeKey(c.provider, "pers"), workspace: fakeKey(c.provider, "work"), env: fakeKey(c.provider, "env") };
    // Another member's personal key must never serve Alice.
    await save({ workspaceId, provider: c.provider, scope: "personal", userId: bob }, fakeKey(c.provider, "bob"));
    // The other provider's keys must never serve this one.
    const other: LlmProvider = c.provider === "openai" ? "openai-admin" : "openai";
    await save({ workspaceId, provider: other, scope: "workspace", userId: alice }, fakeKey(other, "other"));
    if (c.personal) await save({ workspaceId, provider: c.provider, scope: "personal", userId: alice }, keys.personal);
    if (c.workspace) await save({ workspaceId, provider: c.provider, scope: "workspace", userId: bob }, keys.workspace);
    if (c.env) process.env[c.provider === "openai" ? "OPENAI_API_KEY" : "OPENAI_ADMIN_KEY"] = keys.env;

    const expected = c.personal ? "personal" : c.workspace ? "workspace" : c.env ? "env" : null;
    const call = resolveOpenAIKey({ workspaceId, userId: alice, provider: c.provider });
    if (!expected) {
      const error = await expectAppError(call, 424, "no_key_configured");
      expect(error.message).toMatch(/Settings → API keys/);
      return;
    }
    const resolved = await call;
    expect(resolved.source).toBe(expected);
    expect(resolved.apiKey).toBe(keys[expected]);
    expect(resolved.keyHint).toBe(`${c.provider === "openai-admin" ? "sk-admin-" : "sk-"}…${keys[expected].slice(-4)}`);
  });

  it("serves a key saved, replaced or removed in this process from the next call on, despite the row cache", async () => {
    const { workspaceId, alice } = await newWorkspace();
    const workspaceSlot: KeySlot = { workspaceId, provider: "openai", scope: "workspace", userId: alice };
    const personalSlot: KeySlot = { ...workspaceSlot, scope: "personal" };
    const resolve = () => resolveOpenAIKey({ workspaceId, userId: alice, provider: "openai" });
    const first = fakeKey("openai", "first");
    await save(workspaceSlot, first);
    expect((await resolve()).apiKey).toBe(first);
    const mine = fakeKey("openai", "mine");
    await save(personalSlot, mine);
    expect(await resolve()).toMatchObject({ source: "personal", apiKey: mine });
    const second = fakeKey("openai", "second");
    await save(workspaceSlot, second);
    await removeKey({ slot: personalSlot });
    expect(await resolve()).toMatchObject({ source: "workspace", apiKey: second });
  });

  it("records lastUsedAt at most once a minute, and re-saving resets it and the cache", async () => {
    const { workspaceId, alice } = await newWorkspace();
    const slot: KeySlot = { workspaceId, provider: "openai", scope: "workspace", userId: alice };
    const row = await save(slot, fakeKey("openai", "touch"));
    expect(row.lastUsedAt).toBeNull();
    await resolveOpenAIKey({ workspaceId, userId: alice, provider: "openai" });
    const db = await getDb();
    const [first] = await db.select().from(llmKeys).where(eq(llmKeys.id, row.id));
    expect(first?.lastUsedAt).toBeInstanceOf(Date);
    await resolveOpenAIKey({ workspaceId, userId: alice, provider: "openai" });
    const [second] = await db.select().from(llmKeys).where(eq(llmKeys.id, row.id));
    expect(second?.lastUsedAt?.getTime()).toBe(first?.lastUsedAt?.getTime());

    const replacement = fakeKey("openai", "new");
    const { replaced } = await storeKey({ slot, apiKey: replacement });
    expect(replaced).toBe(true);
    expect((await resolveOpenAIKey({ workspaceId, userId: alice, provider: "openai" })).apiKey).toBe(replacement);
  });

  it.each(["workspace", "owner", "provider"] as const)(
    "a row moved to another %s fails with key_decrypt_failed and an audit event, even when cached",
    async (what) => {
      const a = await newWorkspace();
      const b = await newWorkspace();
      const scope = what === "owner" ? "personal" : "workspace";
      const row = await save({ workspaceId: a.workspaceId, provider: "openai", scope, userId: a.alice }, fakeKey("openai", "moved"));
      // Warm the decrypted-key cache first: a moved row must not be served from it.
      await resolveOpenAIKey({ workspaceId: a.workspaceId, userId: a.alice, provider: "openai" });
      const workspaceId = what === "workspace" ? b.workspaceId : a.workspaceId;
      const userId = what === "owner" ? a.bob : a.alice;
      const provider: LlmProvider = what === "provider" ? "openai-admin" : "openai";
      const db = await getDb();
      await db
        .update(llmKeys)
        .set({ workspaceId, provider, ownerUserId: scope === "personal" ? userId : null })
        .where(eq(llmKeys.id, row.id));
      const error = await expectAppError(resolveOpenAIKey({ workspaceId, userId, provider }), 500, "key_decrypt_failed");
      expect(error.message).toMatch(/save the key again/);
      const events = await db.select().from(auditEvents).where(eq(auditEvents.workspaceId, workspaceId));
      expect(events.map((e) => e.action)).toContain("key.decrypt_failed");
    },
  );
});

describe("rotateAllKeys", () => {
  async function seedOnV1(count: number) {
    process.env.ENCRYPTION_KEYS = V1;
    const seeded: { workspaceId: string; userId: string; apiKey: string }[] = [];
    for (let i = 0; i < count; i++) {
      const { workspaceId, alice } = await newWorkspace();
      const apiKey = fakeKey("openai", `rot${i}`);
      await save({ workspaceId, provider: "openai", scope: i % 2 ? "personal" : "workspace", userId: alice }, apiKey);
      seeded.push({ workspaceId, userId: alice, apiKey });
    }
    return seeded;
  }

  async function versions() {
    const db = await getDb();
    const rows = await db.select({ c: llmKeys.ciphertext }).from(llmKeys);
    return rows.map((r) => r.c.slice(0, r.c.indexOf(":")));
  }

  async function expectAllUsable(seeded: { workspaceId: string; userId: string; apiKey: string }[]) {
    for (const s of seeded)
      expect((await resolveOpenAIKey({ workspaceId: s.workspaceId, userId: s.userId, provider: "openai" })).apiKey).toBe(s.apiKey);
  }

  it("moves every row from v1 to v2 and leaves every key usable, even with v1 removed", async () => {
    // Earlier tests leave deliberately undecryptable (moved) rows; start clean so nothing fails.
    await (await getDb()).delete(llmKeys);
    const seeded = await seedOnV1(5);
    expect(await versions()).toContain("v1");
    process.env.ENCRYPTION_KEYS = `${V2},${V1}`;
    const report = await rotateAllKeys({ batchSize: 2 });
    expect(report).toEqual({ rotated: 5, skipped: 0, failed: 0 });
    expect(new Set(await versions())).toEqual(new Set(["v2"]));
    process.env.ENCRYPTION_KEYS = V2;
    await expectAllUsable(seeded);
    const db = await getDb();
    const events = await db.select().from(auditEvents).where(eq(auditEvents.action, "key.rotated"));
    expect(events.some((e) => e.detail === "v1 → v2")).toBe(true);
    expect(await rotateAllKeys()).toEqual({ rotated: 0, skipped: 0, failed: 0 });
  });

  it("finishes when re-run after being interrupted halfway", async () => {
    await (await getDb()).delete(llmKeys);
    const seeded = await seedOnV1(6);
    process.env.ENCRYPTION_KEYS = `${V2},${V1}`;
    await expect(
      rotateAllKeys({
        batchSize: 3,
        onBatch: () => {
          throw new Error("interrupted");
        },
      }),
    ).rejects.toThrow("interrupted");
    const halfway = await versions();
    expect(halfway.filter((v) => v === "v2")).toHaveLength(3);
    expect(halfway.filter((v) => v === "v1")).toHaveLength(3);
    // The app keeps serving in between: both versions decrypt.
    await expectAllUsable(seeded);
    const report = await rotateAllKeys({ batchSize: 3 });
    expect(report).toEqual({ rotated: 3, skipped: 0, failed: 0 });
    expect(new Set(await versions())).toEqual(new Set(["v2"]));
    process.env.ENCRYPTION_KEYS = V2;
    await expectAllUsable(seeded);
  });

  it("counts undecryptable rows as failed and leaves them alone", async () => {
    const db = await getDb();
    await db.delete(llmKeys);
    await seedOnV1(2);
    const before = await db.select({ c: llmKeys.ciphertext }).from(llmKeys);
    process.env.ENCRYPTION_KEYS = V2; // v1 lost
    expect(await rotateAllKeys()).toEqual({ rotated: 0, skipped: 0, failed: 2 });
    const after = await db.select({ c: llmKeys.ciphertext }).from(llmKeys);
    expect(after.map((r) => r.c).sort()).toEqual(before.map((r) => r.c).sort());
  });
});

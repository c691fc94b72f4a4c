import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDatabaseHandle, getDb } from "@/lib/database";
import { auditEvents, type LlmProvider, llmKeys, type Role, users, workspaces } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { listKeys, removeUndecryptableKeys } from "./keys";
import { resolveOpenAIKey } from "./resolve";
import { findWorkspaceKeyRows, removeKeyRowsIfUnchanged, storeKey } from "./store";

// Production's keyring and a preview's own: the preview reuses the version name "v1", as a team
// following the README would, so only the key material tells them apart.
const PRODUCTION = `v1:${randomBytes(32).toString("base64")}`;
const PREVIEW = `v1:${randomBytes(32).toString("base64")}`;
const RETIRED = `old:${randomBytes(32).toString("base64")}`;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vault-undecryptable-"));

beforeAll(async () => {
  process.env.DATA_DIR = dataDir;
  delete process.env.DATABASE_URL;
  delete process.env.OPENAI_API_KEY;
  process.env.ENCRYPTION_KEYS = PRODUCTION;
  await getDb();
});

afterAll(async () => {
  await (await getDatabaseHandle()).close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

beforeEach(() => {
  process.env.ENCRYPTION_KEYS = PRODUCTION;
});

const uid = () => randomBytes(6).toString("hex");
const fakeKey = (provider: LlmProvider, tag: string) =>
  `${provider === "openai-admin" ? "sk-admin-" : "sk-proj-"}${tag}${randomBytes(12).toString("hex")}`;

async function newWorkspace() {
  const db = await getDb();
  const [admin] = await db
    .insert(users)
    .values({ email: `admin-${uid()}@example.com`, name: "Ada" })
    .returning();
  const [member] = await db
    .insert(users)
    .values({ email: `member-${uid()}@example.com`, name: "Max" })
    .returning();
  const [ws] = await db
    .insert(workspaces)
    .values({ name: `ws ${uid()}` })
    .returning();
  if (!admin || !member || !ws) throw new Error("seed failed");
  const actor = (userId: string, role: Role) => ({ workspaceId: ws.id, userId, role });
  return { workspaceId: ws.id, admin: actor(admin.id, "admin"), member: actor(member.id, "member") };
}

/** A workspace as a preview sees it after branching production's data: every row under production's keyring. */
async function seededFromProduction() {
  const w = await newWorkspace();
  process.env.ENCRYPTION_KEYS = PRODUCTION;
  await storeKey({
    slot: { workspaceId: w.workspaceId, provider: "openai", scope: "workspace", userId: w.admin.userId },
    apiKey: fakeKey("openai", "prodws"),
  });
  await storeKey({
    slot: { workspaceId: w.workspaceId, provider: "openai", scope: "personal", userId: w.member.userId },
    apiKey: fakeKey("openai", "prodpers"),
  });
  await storeKey({
    slot: { workspaceId: w.workspaceId, provider: "openai-admin", scope: "workspace", userId: w.admin.userId },
    apiKey: fakeKey("openai-admin", "prodadm"),
  });
  process.env.ENCRYPTION_KEYS = PREVIEW;
  return w;
}

async function appErrorOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("keys saved under another keyring", () => {
  it("are listed as undecryptable with their key version, and never with their ciphertext", async () => {
    const w = await seededFromProduction();
    const fresh = fakeKey("openai", "preview");
    await storeKey({ slot: { workspaceId: w.workspaceId, provider: "openai", scope: "personal", userId: w.admin.userId }, apiKey: fresh });

    const forMember = await listKeys({ actor: w.member });
    expect(forMember.keys.map((k) => [k.provider, k.scope, k.decryptable, k.keyVersion])).toEqual([
      ["openai", "personal", false, "v1"],
      ["openai", "workspace", false, "v1"],
      ["openai-admin", "workspace", false, "v1"],
    ]);
    const forAdmin = await listKeys({ actor: w.admin });
    expect(forAdmin.keys.find((k) => k.scope === "personal" && k.provider === "openai")).toMatchObject({
      decryptable: true,
      keyVersion: "v1",
    });
    const body = JSON.stringify([forMember, forAdmin]);
    for (const row of await findWorkspaceKeyRows({ workspaceId: w.workspaceId })) {
      expect(body).not.toContain(row.ciphertext);
      expect(body).not.toContain(row.id);
    }
    expect(body).not.toContain(fresh);
    expect(Object.keys(forAdmin.keys[0] ?? {}).sort()).toEqual(
      [
        "createdAt",
        "createdBy",
        "decryptable",
        "keyHint",
        "keyVersion",
        "lastUsedAt",
        "openaiOrganization",
        "openaiProject",
        "provider",
        "scope",
        "updatedAt",
      ].sort(),
    );

    // Back on production's keyring the same rows are fine.
    process.env.ENCRYPTION_KEYS = PRODUCTION;
    expect((await listKeys({ actor: w.member })).keys.every((k) => k.decryptable)).toBe(true);
  });

  it("a version missing from the keyring is undecryptable without trying", async () => {
    const w = await newWorkspace();
    process.env.ENCRYPTION_KEYS = RETIRED;
    await storeKey({
      slot: { workspaceId: w.workspaceId, provider: "openai", scope: "workspace", userId: w.admin.userId },
      apiKey: fakeKey("openai", "old"),
    });
    process.env.ENCRYPTION_KEYS = PREVIEW;
    expect((await listKeys({ actor: w.admin })).keys).toMatchObject([{ decryptable: false, keyVersion: "old" }]);
    process.env.ENCRYPTION_KEYS = `${PREVIEW},${RETIRED}`;
    expect((await listKeys({ actor: w.admin })).keys).toMatchObject([{ decryptable: true, keyVersion: "old" }]);
  });

  it("a call that needs one answers key_decrypt_failed with what to do", async () => {
    const w = await seededFromProduction();
    const personal = await appErrorOf(resolveOpenAIKey({ workspaceId: w.workspaceId, userId: w.member.userId, provider: "openai" }));
    expect(personal).toMatchObject({
      status: 500,
      code: "key_decrypt_failed",
      details: { provider: "openai", scope: "personal", keyVersion: "v1" },
    });
    expect(personal.message).toMatch(
      /Your personal OpenAI API key \(.+\) cannot be decrypted here: .*key version "v1".*save the key again/,
    );
    const workspace = await appErrorOf(resolveOpenAIKey({ workspaceId: w.workspaceId, userId: w.admin.userId, provider: "openai-admin" }));
    expect(workspace.message).toMatch(
      /The workspace's OpenAI Admin key .* An admin can save the key again, or remove the undecryptable keys/,
    );
  });

  it("an admin removes every undecryptable key of the workspace, audited; decryptable keys stay", async () => {
    const w = await seededFromProduction();
    const kept = fakeKey("openai", "keep");
    await storeKey({ slot: { workspaceId: w.workspaceId, provider: "openai", scope: "personal", userId: w.admin.userId }, apiKey: kept });
    const other = await seededFromProduction();

    const error = await appErrorOf(removeUndecryptableKeys({ actor: w.member }));
    expect(error).toMatchObject({ status: 403, code: "forbidden" });
    expect(await findWorkspaceKeyRows({ workspaceId: w.workspaceId })).toHaveLength(4);

    const result = await removeUndecryptableKeys({ actor: w.admin });
    expect(result.removed.map((k) => [k.provider, k.scope, k.keyVersion]).sort()).toEqual([
      ["openai", "personal", "v1"],
      ["openai", "workspace", "v1"],
      ["openai-admin", "workspace", "v1"],
    ]);
    const left = await findWorkspaceKeyRows({ workspaceId: w.workspaceId });
    expect(left.map((r) => [r.scope, r.ownerUserId])).toEqual([["personal", w.admin.userId]]);
    expect((await resolveOpenAIKey({ workspaceId: w.workspaceId, userId: w.admin.userId, provider: "openai" })).apiKey).toBe(kept);
    // Another workspace's rows are not this admin's to remove.
    expect(await findWorkspaceKeyRows({ workspaceId: other.workspaceId })).toHaveLength(3);

    const db = await getDb();
    const events = await db.select().from(auditEvents).where(eq(auditEvents.workspaceId, w.workspaceId));
    const deleted = events.filter((e) => e.action === "key.deleted");
    expect(deleted).toHaveLength(3);
    for (const e of deleted) expect(e).toMatchObject({ detail: "undecryptable", actorUserId: w.admin.userId });
    expect(deleted.map((e) => e.keyHint).sort()).toEqual(result.removed.map((k) => k.keyHint).sort());

    expect((await removeUndecryptableKeys({ actor: w.admin })).removed).toEqual([]);
  });

  it("a key saved again between the check and the delete is not removed", async () => {
    const w = await seededFromProduction();
    const [stale] = await findWorkspaceKeyRows({ workspaceId: w.workspaceId });
    if (!stale) throw new Error("seed failed");
    const slot = { workspaceId: w.workspaceId, provider: stale.provider, scope: stale.scope, userId: stale.ownerUserId ?? w.admin.userId };
    await storeKey({ slot, apiKey: fakeKey(stale.provider, "again") });
    expect(await removeKeyRowsIfUnchanged({ rows: [stale] })).toEqual([]);
    const db = await getDb();
    const [row] = await db.select().from(llmKeys).where(eq(llmKeys.id, stale.id));
    expect(row?.ciphertext).not.toBe(stale.ciphertext);
  });
});

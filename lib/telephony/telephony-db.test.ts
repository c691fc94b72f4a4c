import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDatabaseHandle, getDb } from "@/lib/database";
import { budgets, realtimeCalls, spendMonths, telephonySettings, users, WHOLE_WORKSPACE, workspaces } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { recordCallUsage } from "@/lib/spend/record";
import { rotateAllKeys } from "@/lib/vault/rotate";
import { workspaceOverBudget } from "./budget";
import { listPhoneCalls } from "./calls";
import { saveTelephonySettings } from "./settings";
import { receiveTelephonyWebhook } from "./webhook";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "telephony-test-"));
const SECRET = `whsec_${Buffer.from("telephony-db-fake-signing-secret").toString("base64")}`;

beforeAll(async () => {
  process.env.DATA_DIR = dataDir;
  delete process.env.DATABASE_URL;
  process.env.ENCRYPTION_KEYS = `v1:${randomBytes(32).toString("base64")}`;
  await getDb();
});

afterAll(async () => {
  await (await getDatabaseHandle()).close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function workspace() {
  const db = await getDb();
  const [user] = await db
    .insert(users)
    .values({ email: `phone-${randomBytes(4).toString("hex")}@example.com` })
    .returning();
  const [ws] = await db.insert(workspaces).values({ name: "Phones", createdBy: user!.id }).returning();
  return { userId: user!.id, workspaceId: ws!.id };
}

const rules = { defaultAction: "accept" as const, allowPrefixes: [], denyPrefixes: [], referTarget: null, rejectStatus: 603 };

function signed(body: object, { id = `msg_${randomBytes(6).toString("hex")}`, at = new Date(), secret = SECRET } = {}) {
  const text = JSON.stringify(body);
  const signature = new Webhook(secret).sign(id, at, text);
  return {
    rawBody: text,
    headers: new Headers({
      "webhook-id": id,
      "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
      "webhook-signature": signature,
    }),
  };
}

const status = async (promise: Promise<unknown>) => {
  try {
    await promise;
    return 200;
  } catch (error) {
    if (error instanceof AppError) return error.status;
    throw error;
  }
};

describe("telephony settings and webhook", () => {
  it("seals the secret (only a hint comes back) and answers 404 until one is saved", async () => {
    const { workspaceId, userId } = await workspace();
    const event = signed({ id: "evt_1", type: "webhook.test", data: {} });
    expect(await status(receiveTelephonyWebhook({ workspaceId, ...event }))).toBe(404);
    expect(await status(receiveTelephonyWebhook({ workspaceId: "no-such-workspace", ...event }))).toBe(404);
    const view = await saveTelephonySettings({ workspaceId, userId, settings: { ...rules, secret: SECRET, referTarget: "+14155550100" } });
    expect(view).toMatchObject({
      secretSaved: true,
      secretHint: `${SECRET.slice(0, 6)}…${SECRET.slice(-4)}`,
      referTarget: "tel:+14155550100",
    });
    expect(JSON.stringify(view)).not.toContain(SECRET);
    const [row] = await (await getDb()).select().from(telephonySettings).where(eq(telephonySettings.workspaceId, workspaceId));
    expect(row?.secretCiphertext).toMatch(/^v1:/);
    expect(row?.secretCiphertext).not.toContain(SECRET.slice(6));
    // Saving the rules again without a secret keeps the saved one.
    expect((await saveTelephonySettings({ workspaceId, userId, settings: rules })).secretSaved).toBe(true);
  });

  it("refuses bad and stale signatures, acts once per webhook id, and acknowledges other event types", async () => {
    const { workspaceId, userId } = await workspace();
    await saveTelephonySettings({ workspaceId, userId, settings: { ...rules, secret: SECRET } });
    const body = { id: "evt_2", object: "event", type: "webhook.test", created_at: 1, data: {} };
    const forged = signed(body, { secret: `whsec_${Buffer.from("another-fake-secret-here").toString("base64")}` });
    expect(await status(receiveTelephonyWebhook({ workspaceId, ...forged }))).toBe(401);
    const stale = signed(body, { at: new Date(Date.now() - 301_000) });
    expect(await status(receiveTelephonyWebhook({ workspaceId, ...stale }))).toBe(401);
    const fine = signed(body);
    expect(await receiveTelephonyWebhook({ workspaceId, ...fine })).toEqual({ received: true, ignored: "webhook.test" });
    expect(await receiveTelephonyWebhook({ workspaceId, ...fine })).toEqual({ received: true, duplicate: true });
    // The same id in another workspace is another webhook.
    const other = await workspace();
    await saveTelephonySettings({ workspaceId: other.workspaceId, userId: other.userId, settings: { ...rules, secret: SECRET } });
    expect(await receiveTelephonyWebhook({ workspaceId: other.workspaceId, ...fine })).toEqual({ received: true, ignored: "webhook.test" });
  });
});

describe("key rotation", () => {
  it("re-encrypts the webhook secret under the newest key, and the webhook still verifies", async () => {
    const { workspaceId, userId } = await workspace();
    const v1 = process.env.ENCRYPTION_KEYS as string;
    await saveTelephonySettings({ workspaceId, userId, settings: { ...rules, secret: SECRET } });
    process.env.ENCRYPTION_KEYS = `v2:${randomBytes(32).toString("base64")},${v1}`;
    try {
      const report = await rotateAllKeys();
      expect(report.rotated).toBeGreaterThanOrEqual(1);
      expect(report.failed).toBe(0);
      const [row] = await (await getDb()).select().from(telephonySettings).where(eq(telephonySettings.workspaceId, workspaceId));
      expect(row?.secretCiphertext).toMatch(/^v2:/);
      process.env.ENCRYPTION_KEYS = process.env.ENCRYPTION_KEYS.split(",")[0];
      const event = signed({ id: "evt_rot", type: "webhook.test", data: {} });
      expect(await receiveTelephonyWebhook({ workspaceId, ...event })).toEqual({ received: true, ignored: "webhook.test" });
    } finally {
      // Every other row is still on v1: the tests after this one need it.
      process.env.ENCRYPTION_KEYS = v1;
    }
  });
});

describe("phone calls in the ledger", () => {
  it("a phone call has no member: its usage moves the workspace's month only, and it lists with masked numbers", async () => {
    const { workspaceId } = await workspace();
    const db = await getDb();
    await db.insert(realtimeCalls).values({
      id: "rtc_phone_ledger",
      userId: null,
      workspaceId,
      channel: "phone",
      fromMasked: "+1415•••4567",
      toMasked: "+1800•••0199",
      model: "gpt-realtime",
      keySource: "workspace",
    });
    const totals = await recordCallUsage({
      callId: "rtc_phone_ledger",
      model: "gpt-realtime",
      usage: { total_tokens: 30, input_tokens: 20, output_tokens: 10 },
    });
    expect(totals).toMatchObject({ workspaceId, userId: null, memberMicros: 0 });
    expect(totals?.workspaceMicros).toBeGreaterThan(0);
    const months = await db.select().from(spendMonths).where(eq(spendMonths.workspaceId, workspaceId));
    expect(months.map((m) => m.userId)).toEqual([WHOLE_WORKSPACE]);
    const { calls } = await listPhoneCalls(workspaceId);
    expect(calls).toEqual([expect.objectContaining({ id: "rtc_phone_ledger", from: "+1415•••4567", live: true, totalTokens: 30 })]);
  });

  it("a workspace over its monthly budget is over budget for phone calls too", async () => {
    const { workspaceId } = await workspace();
    expect(await workspaceOverBudget(workspaceId)).toBe(false);
    const db = await getDb();
    await db.insert(budgets).values({ workspaceId, userId: WHOLE_WORKSPACE, monthlyLimitMicros: 1_000 });
    expect(await workspaceOverBudget(workspaceId)).toBe(false);
    await db.insert(realtimeCalls).values({
      id: `rtc_${randomBytes(4).toString("hex")}`,
      userId: null,
      workspaceId,
      channel: "phone",
      model: "gpt-realtime",
      keySource: "workspace",
    });
    const [call] = await db.select().from(realtimeCalls).where(eq(realtimeCalls.workspaceId, workspaceId));
    await recordCallUsage({
      callId: call!.id,
      model: "gpt-realtime",
      usage: { total_tokens: 2_000, input_tokens: 1_000, output_tokens: 1_000 },
    });
    expect(await workspaceOverBudget(workspaceId)).toBe(true);
  });
});

import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alertDeliveries, notificationSettings, users, workspaces } from "@/db/schema";
import { startMailbox } from "@/e2e/support/mailbox";
import { getDatabaseHandle, getDb } from "@/lib/database";
import { DecryptError, decryptSecret } from "@/lib/vault/cipher";
import { getKeyring } from "@/lib/vault/keyring";
import { rotateAllKeys } from "@/lib/vault/rotate";
import { sendAlert, sendTestAlert } from "./alerts";
import { destinationProblem, isPrivateAddress } from "./destination";
import { saveNotificationSettings } from "./settings";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "notify-test-"));
let mailbox: Awaited<ReturnType<typeof startMailbox>>;

interface Received {
  headers: Record<string, string>;
  body: string;
}

/** A webhook receiver on a free local port answering `status` (or never, for "hang"). */
async function startReceiver(answer: number | "hang" = 204) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      received.push({ headers: req.headers as Record<string, string>, body });
      if (answer !== "hang") res.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/opencto?token=fake-receiver-token`,
    received,
    close: () => new Promise<void>((resolve) => server.closeAllConnections() ?? server.close(() => resolve())),
  };
}

beforeAll(async () => {
  process.env.DATA_DIR = dataDir;
  delete process.env.DATABASE_URL;
  mailbox = await startMailbox();
  process.env.SMTP_URL = mailbox.url;
  await getDb();
});

afterAll(async () => {
  delete process.env.SMTP_URL;
  await mailbox.close();
  await (await getDatabaseHandle()).close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function workspaceWithAdmin() {
  const db = await getDb();
  const userId = `u-${randomBytes(4).toString("hex")}`;
  await db.insert(users).values({ id: userId, email: `${userId}@example.test` });
  const [workspace] = await db
    .insert(workspaces)
    .values({ name: `Alerts ${userId}` })
    .returning();
  if (!workspace) throw new Error("no workspace row");
  return { workspaceId: workspace.id, userId };
}

const alertFor = (workspaceId: string, alertKey = "ops:realtime_calls:5xx") => ({
  workspaceId,
  alertKey,
  windowStart: new Date("2026-11-21T23:00:00Z"),
  type: "ops.error_rate_exceeded" as const,
  subject: "[OpenCTO] Voice relay: 5xx rate 40%",
  text: "The voice relay answered 5xx to 40% of 10 requests in the last 15 minutes.",
  data: { route: "realtime_calls", kind: "5xx", rate: 0.4 },
});

async function waitFor<T>(read: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("sendAlert", () => {
  it("sends once per alert and window however many callers race, by mail and by a signed webhook", async () => {
    const { workspaceId, userId } = await workspaceWithAdmin();
    const receiver = await startReceiver(204);
    const to = [`ops-${userId}@example.test`, `cto-${userId}@example.test`];
    const saved = await saveNotificationSettings({ workspaceId, userId, input: { emails: to, webhookUrl: receiver.url } });
    expect(saved.newWebhookSecret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const secret = saved.newWebhookSecret as string;

    const outcomes = await Promise.all(Array.from({ length: 12 }, () => sendAlert(alertFor(workspaceId))));
    expect(outcomes.filter((o) => o === "sent")).toHaveLength(1);
    expect(outcomes.filter((o) => o === "already_sent")).toHaveLength(11);

    // A later call in the same window sends nothing; a new window sends again.
    expect(await sendAlert(alertFor(workspaceId))).toBe("already_sent");
    expect(await sendAlert({ ...alertFor(workspaceId), windowStart: new Date("2026-11-22T00:00:00Z") })).toBe("sent");

    const mails = await waitFor(() => {
      const mine = mailbox.mails.filter((m) => m.to.some((t) => to.includes(t)));
      return mine.length >= 4 ? mine : undefined;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(mailbox.mails.filter((m) => m.to.some((t) => to.includes(t)))).toHaveLength(4);
    expect(mails[0]?.subject).toBe("[OpenCTO] Voice relay: 5xx rate 40%");
    expect(mails[0]?.text).toContain("40% of 10 requests");

    expect(receiver.received).toHaveLength(2);
    const [first] = receiver.received;
    if (!first) throw new Error("no webhook");
    const verified = new Webhook(secret).verify(first.body, first.headers) as { type: string; timestamp: string; data: unknown };
    expect(verified.type).toBe("ops.error_rate_exceeded");
    expect(verified.data).toEqual({ route: "realtime_calls", kind: "5xx", rate: 0.4 });
    expect(Math.abs(Date.parse(verified.timestamp) - Date.now())).toBeLessThan(60_000);
    expect(first.headers["webhook-id"]).toMatch(/^msg_/);
    // Signed with another secret, the same delivery does not verify.
    expect(() => new Webhook(`whsec_${randomBytes(32).toString("base64")}`).verify(first.body, first.headers)).toThrow();

    const db = await getDb();
    const claims = await db.select().from(alertDeliveries).where(eq(alertDeliveries.workspaceId, workspaceId));
    expect(claims).toHaveLength(2);
    await receiver.close();
  });

  it("claims nothing and answers no_channel when the workspace configured no channel", async () => {
    const { workspaceId } = await workspaceWithAdmin();
    expect(await sendAlert(alertFor(workspaceId))).toBe("no_channel");
    const db = await getDb();
    expect(await db.select().from(alertDeliveries).where(eq(alertDeliveries.workspaceId, workspaceId))).toEqual([]);
  });

  it("a failing, refusing or hanging webhook does not throw into the caller, and the mail still goes", async () => {
    for (const answer of [500, "hang", "refused"] as const) {
      const { workspaceId, userId } = await workspaceWithAdmin();
      const receiver = await startReceiver(answer === "refused" ? 204 : answer);
      if (answer === "refused") await receiver.close();
      const to = `fail-${userId}@example.test`;
      await saveNotificationSettings({ workspaceId, userId, input: { emails: [to], webhookUrl: receiver.url } });
      const started = Date.now();
      await expect(sendAlert(alertFor(workspaceId, `k-${answer}`))).resolves.toBe("sent");
      expect(Date.now() - started).toBeLessThan(7_000);
      await waitFor(() => mailbox.mails.find((m) => m.to.includes(to)));
      if (answer !== "refused") await receiver.close();
    }
  }, 30_000);

  it("a test alert bypasses the once-per-window claim and reports each channel", async () => {
    const { workspaceId, userId } = await workspaceWithAdmin();
    const receiver = await startReceiver(204);
    const to = `test-${userId}@example.test`;
    const { newWebhookSecret } = await saveNotificationSettings({ workspaceId, userId, input: { emails: [to], webhookUrl: receiver.url } });
    const first = await sendTestAlert({ workspaceId, workspaceName: "Alerts", sentBy: "ada@example.test" });
    const second = await sendTestAlert({ workspaceId, workspaceName: "Alerts", sentBy: "ada@example.test" });
    expect(first).toEqual({ emails: [{ to, delivered: true }], webhook: { delivered: true, status: 204 } });
    expect(second.webhook?.delivered).toBe(true);
    expect(receiver.received).toHaveLength(2);
    const payload = new Webhook(newWebhookSecret as string).verify(receiver.received[1]?.body ?? "", receiver.received[1]?.headers ?? {});
    expect(payload).toMatchObject({ type: "test", data: { test: true, workspaceName: "Alerts" } });
    await receiver.close();
  });
});

describe("the webhook signing secret", () => {
  it("is stored encrypted, bound to its workspace and its purpose", async () => {
    const a = await workspaceWithAdmin();
    const b = await workspaceWithAdmin();
    const { newWebhookSecret } = await saveNotificationSettings({
      workspaceId: a.workspaceId,
      userId: a.userId,
      input: { emails: [], webhookUrl: "https://hooks.example.com/in" },
    });
    const db = await getDb();
    const [row] = await db.select().from(notificationSettings).where(eq(notificationSettings.workspaceId, a.workspaceId));
    const envelope = row?.webhookSecretCiphertext ?? "";
    expect(envelope).not.toContain(newWebhookSecret?.slice(6, 20));
    const keyring = getKeyring();
    expect(decryptSecret({ envelope, binding: { purpose: "alert_webhook_secret", workspaceId: a.workspaceId }, keyring })).toBe(
      newWebhookSecret,
    );
    // Moved to another workspace, or read as an LLM key of the same workspace, it does not open.
    expect(() => decryptSecret({ envelope, binding: { purpose: "alert_webhook_secret", workspaceId: b.workspaceId }, keyring })).toThrow(
      DecryptError,
    );
    expect(() =>
      decryptSecret({
        envelope,
        binding: { workspaceId: a.workspaceId, scope: "workspace", ownerUserId: null, provider: "openai" },
        keyring,
      }),
    ).toThrow(DecryptError);

    // Saving again keeps the secret; removing the URL removes it.
    const again = await saveNotificationSettings({
      workspaceId: a.workspaceId,
      userId: a.userId,
      input: { emails: [], webhookUrl: "https://hooks.example.com/v2" },
    });
    expect(again.newWebhookSecret).toBeUndefined();
    expect(again.hasWebhookSecret).toBe(true);
    const removed = await saveNotificationSettings({
      workspaceId: a.workspaceId,
      userId: a.userId,
      input: { emails: [], webhookUrl: null },
    });
    expect(removed).toMatchObject({ webhookUrl: null, hasWebhookSecret: false });
    const [after] = await db
      .select()
      .from(notificationSettings)
      .where(and(eq(notificationSettings.workspaceId, a.workspaceId)));
    expect(after?.webhookSecretCiphertext).toBeNull();
  });
});

describe("key rotation", () => {
  it("re-encrypts the webhook signing secret under the newest key, and alerts still verify with the same secret", async () => {
    const { workspaceId, userId } = await workspaceWithAdmin();
    const receiver = await startReceiver(204);
    const { newWebhookSecret } = await saveNotificationSettings({ workspaceId, userId, input: { emails: [], webhookUrl: receiver.url } });
    const old = getKeyring().current;
    process.env.ENCRYPTION_KEYS = `rot2:${randomBytes(32).toString("base64")},${old.version}:${old.key.toString("base64")}`;
    try {
      const report = await rotateAllKeys();
      expect(report.failed).toBe(0);
      expect(report.rotated).toBeGreaterThanOrEqual(1);
      const db = await getDb();
      const [row] = await db.select().from(notificationSettings).where(eq(notificationSettings.workspaceId, workspaceId));
      expect(row?.webhookSecretCiphertext?.startsWith("rot2:")).toBe(true);
      expect(await sendAlert(alertFor(workspaceId, "after-rotation"))).toBe("sent");
      expect(
        new Webhook(newWebhookSecret as string).verify(receiver.received[0]?.body ?? "", receiver.received[0]?.headers ?? {}),
      ).toMatchObject({
        type: "ops.error_rate_exceeded",
      });
    } finally {
      delete process.env.ENCRYPTION_KEYS;
      await receiver.close();
    }
  });
});

describe("where a webhook may point", () => {
  it("in production: https to public hosts only", () => {
    expect(destinationProblem("https://hooks.example.com/in?x=1", false)).toBeNull();
    expect(destinationProblem("https://93.184.216.34/in", false)).toBeNull();
    for (const url of [
      "http://hooks.example.com/in",
      "http://localhost:8080/in",
      "https://localhost/in",
      "https://127.0.0.1/in",
      "https://10.1.2.3/in",
      "https://192.168.1.1/in",
      "https://169.254.169.254/latest/meta-data",
      "https://[::1]/in",
      "https://[::ffff:127.0.0.1]/in",
      "https://[fd00::1]/in",
      "https://metadata.google.internal/x",
      "ftp://hooks.example.com/in",
    ])
      expect(destinationProblem(url, false), url).not.toBeNull();
  });

  it("when private addresses are allowed: http to loopback too, never to other hosts", () => {
    expect(destinationProblem("http://127.0.0.1:9000/in", true)).toBeNull();
    expect(destinationProblem("http://localhost:9000/in", true)).toBeNull();
    expect(destinationProblem("https://10.1.2.3/in", true)).toBeNull();
    expect(destinationProblem("http://10.1.2.3/in", true)).not.toBeNull();
    expect(destinationProblem("http://hooks.example.com/in", true)).not.toBeNull();
  });

  it("classifies addresses", () => {
    for (const a of [
      "127.0.0.1",
      "10.0.0.1",
      "172.31.255.255",
      "100.64.0.1",
      "::1",
      "fe80::1",
      "::ffff:10.0.0.1",
      "::ffff:a00:1",
      "0.0.0.0",
    ])
      expect(isPrivateAddress(a), a).toBe(true);
    for (const a of ["93.184.216.34", "172.32.0.1", "2606:4700::1111", "8.8.8.8"]) expect(isPrivateAddress(a), a).toBe(false);
  });
});

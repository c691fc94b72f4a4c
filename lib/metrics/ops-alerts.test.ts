import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDataDir } from "@/test-support/embedded-db";

freshDataDir();
const { recordRequest } = await import("./record");
const { opsMetrics } = await import("./report");
const { sweepOpsAlerts } = await import("./watch");
const { getDb } = await import("@/lib/database");
const { workspaces, users } = await import("@/db/schema");
const { saveNotificationSettings } = await import("@/lib/notify/settings");

const received: { headers: Record<string, string>; body: string }[] = [];
const receiver = http.createServer((req, res) => {
  let body = "";
  req.on("data", (c) => {
    body += c;
  });
  req.on("end", () => {
    received.push({ headers: req.headers as Record<string, string>, body });
    res.writeHead(200).end();
  });
});
let secret = "";
let workspaceId = "";

beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const db = await getDb();
  await db.insert(users).values({ id: "u-ops", email: "ops@example.test" });
  const [ws] = await db.insert(workspaces).values({ name: "Relay team" }).returning();
  workspaceId = ws?.id ?? "";
  const saved = await saveNotificationSettings({
    workspaceId,
    userId: "u-ops",
    input: { emails: [], webhookUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/in` },
  });
  secret = saved.newWebhookSecret ?? "";
});

afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

const until = async (ok: () => boolean, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!ok() && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
};

describe("ops alerts", () => {
  it("fire once when the voice relay's 5xx rate passes the threshold, without anyone opening the Ops page", async () => {
    // Successful requests alone check nothing.
    await Promise.all(Array.from({ length: 4 }, () => recordRequest({ route: "realtime_calls", workspaceId, status: 201, latencyMs: 20 })));
    await new Promise((r) => setTimeout(r, 300));
    expect(received).toHaveLength(0);

    // 2 of 6 answered 502: 33% > 5%.
    await Promise.all(Array.from({ length: 2 }, () => recordRequest({ route: "realtime_calls", workspaceId, status: 502, latencyMs: 40 })));
    await until(() => received.length > 0);
    expect(received).toHaveLength(1);
    const payload = new Webhook(secret).verify(received[0]?.body ?? "", received[0]?.headers ?? {}) as {
      type: string;
      data: Record<string, unknown>;
    };
    expect(payload.type).toBe("ops.error_rate_exceeded");
    expect(payload.data).toMatchObject({
      workspaceName: "Relay team",
      route: "realtime_calls",
      routeLabel: "Voice relay: calls",
      kind: "5xx",
      requests: 6,
    });

    // More errors in the same hour, and the cron sweep: still one.
    for (let i = 0; i < 3; i++) await recordRequest({ route: "realtime_calls", workspaceId, status: 500, latencyMs: 40 });
    await new Promise((r) => setTimeout(r, 5_500));
    expect(await sweepOpsAlerts()).toEqual({ workspaces: 1, alertsSent: 0 });
    expect(received).toHaveLength(1);
  }, 30_000);

  it("the Ops report names routes readably and leaves out its own polling", async () => {
    await recordRequest({ route: "ops_metrics", workspaceId, status: 200, latencyMs: 5 });
    const report = await opsMetrics({ workspaceId, window: "1h" });
    expect(report.routes.map((r) => [r.route, r.label])).toEqual([["realtime_calls", "Voice relay: calls"]]);
    expect(report.alerts).toEqual([expect.objectContaining({ route: "realtime_calls", label: "Voice relay: calls", kind: "5xx" })]);
    const everything = await opsMetrics({ workspaceId, window: "1h", everyRoute: true });
    expect(everything.routes.map((r) => r.route)).toContain("ops_metrics");
  });
});

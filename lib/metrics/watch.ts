import "server-only";
import { eq, sql } from "drizzle-orm";
import { workspaces } from "@/db/schema";
import { env } from "@/lib/config/env";
import { getDb } from "@/lib/database";
import { log } from "@/lib/log";
import { aggregate, stats } from "./aggregate";
import { routeLabel } from "./route-names";

/**
 * Routes whose 429/5xx rates raise the Ops banner and send alerts: the voice token route, the
 * voice relay (tickets and calls, the default voice path) and the OpenAI proxies.
 */
export const WATCHED_ROUTES = ["realtime_token", "realtime_tickets", "realtime_calls", "cto_openai_proxy"] as const;
export const ALERT_WINDOW_MS = 15 * 60_000;
const ALERT_MIN_REQUESTS = 5;
/** An ops alert is sent at most once per workspace, route and kind in each clock hour. */
const ALERT_REPEAT_MS = 3_600_000;

export interface OpsAlert {
  route: string;
  kind: "5xx" | "429";
  rate: number;
  threshold: number;
  requests: number;
}

/** Watched routes over a threshold in the last 15 minutes (at least 5 requests). */
export async function recentAlerts({ workspaceId, now = Date.now() }: { workspaceId: string | null; now?: number }): Promise<OpsAlert[]> {
  const recent = await aggregate({ workspaceId, since: new Date(now - ALERT_WINDOW_MS), bucket: "15 minutes" });
  const limits = { rate5xx: env().OPS_ALERT_5XX_RATE, rate429: env().OPS_ALERT_429_RATE };
  return WATCHED_ROUTES.flatMap((route) => {
    const s = stats(recent.filter((r) => r.route === route));
    if (s.requests < ALERT_MIN_REQUESTS) return [];
    const found: OpsAlert[] = [];
    if (s.rate5xx > limits.rate5xx) found.push({ route, kind: "5xx", rate: s.rate5xx, threshold: limits.rate5xx, requests: s.requests });
    if (s.rate429 > limits.rate429) found.push({ route, kind: "429", rate: s.rate429, threshold: limits.rate429, requests: s.requests });
    return found;
  });
}

const percent = (ratio: number) => `${Math.round(ratio * 1000) / 10}%`;

/** Sends the workspace's current ops alerts through its alert channels (each once per hour); returns how many went out. */
export async function sendOpsAlerts({ workspaceId, now = Date.now() }: { workspaceId: string; now?: number }): Promise<number> {
  const alerts = await recentAlerts({ workspaceId, now });
  if (alerts.length === 0) return 0;
  const [{ sendAlert }, db] = await Promise.all([import("@/lib/notify"), getDb()]);
  const [workspace] = await db.select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, workspaceId));
  if (!workspace) return 0;
  const windowStart = new Date(now - (now % ALERT_REPEAT_MS));
  const opsUrl = env().AUTH_URL ? `${env().AUTH_URL?.replace(/\/$/, "")}/ops` : "the Ops page";
  let sent = 0;
  for (const a of alerts) {
    const label = routeLabel(a.route);
    const answered = a.kind === "5xx" ? "a server error (5xx)" : "429 Too Many Requests";
    const outcome = await sendAlert({
      workspaceId,
      alertKey: `ops:${a.route}:${a.kind}`,
      windowStart,
      type: "ops.error_rate_exceeded",
      subject: `[OpenCTO] ${label}: ${percent(a.rate)} ${a.kind} in ${workspace.name}`,
      text: [
        `In the last 15 minutes, ${percent(a.rate)} of ${a.requests} requests to ${label} in the workspace "${workspace.name}" answered ${answered}. The alert threshold is ${percent(a.threshold)}.`,
        `See the routes and their latency on ${opsUrl}.`,
        "This alert is sent at most once an hour per route and kind while the rate stays above the threshold.",
      ].join("\n\n"),
      data: {
        workspaceId,
        workspaceName: workspace.name,
        route: a.route,
        routeLabel: label,
        kind: a.kind,
        rate: a.rate,
        threshold: a.threshold,
        requests: a.requests,
        windowMinutes: ALERT_WINDOW_MS / 60_000,
      },
    });
    if (outcome === "sent") sent += 1;
  }
  return sent;
}

// After a flush that wrote 429s or 5xx on a watched route, the workspace is checked at once, then
// at most every 5 s (one more check at the end of that pause, so the request that crosses the
// threshold is not missed). Successful requests never trigger a check; the cron route checks every
// workspace with recent errors too, for instances that stop between requests.
const CHECK_EVERY_MS = 5_000;
const lastCheck = new Map<string, number>();
const trailing = new Set<string>();

async function check(workspaceId: string): Promise<void> {
  lastCheck.set(workspaceId, Date.now());
  try {
    await sendOpsAlerts({ workspaceId });
  } catch (error) {
    log("warn", "ops_alert_check_failed", { workspaceId, message: (error as Error).message });
  }
}

/** Called with the workspaces whose flushed samples included 429/5xx on a watched route. */
export async function checkAfterErrors(workspaceIds: string[]): Promise<void> {
  const now = Date.now();
  const due: string[] = [];
  for (const id of workspaceIds) {
    const since = now - (lastCheck.get(id) ?? 0);
    if (since >= CHECK_EVERY_MS) due.push(id);
    else if (!trailing.has(id)) {
      trailing.add(id);
      setTimeout(() => {
        trailing.delete(id);
        void check(id);
      }, CHECK_EVERY_MS - since).unref?.();
    }
  }
  await Promise.all(due.map(check));
}

export const isWatchedError = (route: string, statusClass: string) =>
  (statusClass === "5xx" || statusClass === "429") && (WATCHED_ROUTES as readonly string[]).includes(route);

/** The cron route's sweep: every workspace with 429/5xx on a watched route in the last 15 minutes. */
export async function sweepOpsAlerts(now = Date.now()): Promise<{ workspaces: number; alertsSent: number }> {
  const db = await getDb();
  const result = await db.execute(sql`
    select distinct workspace_id from route_metrics
    where minute >= ${new Date(now - ALERT_WINDOW_MS).toISOString()}::timestamptz and workspace_id <> ''
      and status_class in ('5xx', '429')
      and route in (${sql.join(
        WATCHED_ROUTES.map((r) => sql`${r}`),
        sql`, `,
      )})`);
  const ids = (result as unknown as { rows: { workspace_id: string }[] }).rows.map((r) => r.workspace_id);
  let alertsSent = 0;
  for (const workspaceId of ids) alertsSent += await sendOpsAlerts({ workspaceId, now }).catch(() => 0);
  return { workspaces: ids.length, alertsSent };
}

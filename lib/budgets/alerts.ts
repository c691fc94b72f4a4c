import "server-only";
import { eq } from "drizzle-orm";
import { users, workspaces } from "@/db/schema";
import { getDb } from "@/lib/database";
import { sendAlert } from "@/lib/notify";
import { dayAndMonth, formatUsd, monthName, monthStart, resetsAt, usdOfMicros } from "./money";
import type { Crossing } from "./spend-check";

/** The alert key of a budget crossing: one per budget and threshold, sent at most once a month (the window). */
export const budgetAlertKey = ({ scope, userId, threshold }: { scope: Crossing["scope"]; userId: string; threshold: number }) =>
  `budget:${scope === "workspace" ? "workspace" : userId}:${threshold}`;

/** Mails and posts (lib/notify) that a budget crossed 80 % or 100 % this month. */
export async function sendBudgetAlert({
  workspaceId,
  userId,
  crossing,
  at,
}: {
  workspaceId: string;
  userId: string;
  crossing: Crossing;
  at: Date;
}) {
  const db = await getDb();
  const [workspace] = await db.select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, workspaceId));
  const [member] =
    crossing.scope === "member"
      ? await db.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, userId))
      : [undefined];
  const whose =
    crossing.scope === "workspace"
      ? `The workspace "${workspace?.name ?? workspaceId}"`
      : `${member?.name ?? member?.email ?? "A member"}${member?.email && member.name ? ` (${member.email})` : ""} in "${workspace?.name ?? workspaceId}"`;
  const spent = formatUsd(crossing.spentMicros);
  const limit = formatUsd(crossing.limitMicros);
  const month = monthName(at);
  const consequence =
    crossing.threshold >= 100
      ? "New voice sessions and OpenAI requests are refused (402) and live calls are ended until the budget is raised or the month ends."
      : "At 100 % new voice sessions and OpenAI requests are refused and live calls are ended.";
  return sendAlert({
    workspaceId,
    alertKey: budgetAlertKey({ scope: crossing.scope, userId, threshold: crossing.threshold }),
    windowStart: monthStart(at),
    type: "budget.threshold_crossed",
    subject: `[OpenCTO] ${crossing.threshold}% of the ${crossing.scope === "workspace" ? "workspace" : "member"} budget spent in ${workspace?.name ?? workspaceId}: ${spent} of ${limit} (${month})`,
    text: `${whose} has spent ${spent} of ${crossing.scope === "workspace" ? "its" : "their"} ${limit} budget for ${month} (${crossing.threshold}% threshold). ${consequence} The budget resets on ${dayAndMonth(resetsAt(at))}. Admins can change it in Settings → Budgets.`,
    data: {
      workspaceId,
      scope: crossing.scope,
      userId: crossing.scope === "member" ? userId : null,
      threshold: crossing.threshold,
      budgetUsd: usdOfMicros(crossing.limitMicros),
      spentUsd: usdOfMicros(crossing.spentMicros),
      month: monthStart(at).toISOString().slice(0, 10),
      resetsAt: resetsAt(at).toISOString(),
    },
  });
}

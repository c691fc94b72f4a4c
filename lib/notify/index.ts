import "server-only";

// PLACEHOLDER until the notify helper's lib/notify lands on main (the coordinator takes that file):
// the contract the budgets code is written against. Throws, so nothing pretends an alert went out.

export type AlertType = "budget.threshold_crossed" | "ops.error_rate_exceeded";

export async function sendAlert(_alert: {
  workspaceId: string;
  alertKey: string;
  windowStart: Date;
  type: AlertType;
  subject: string;
  text: string;
  data: Record<string, unknown>;
}): Promise<"sent" | "already_sent" | "no_channel"> {
  throw new Error("lib/notify is not built yet");
}

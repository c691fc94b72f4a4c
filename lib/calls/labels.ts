import type { RealtimeEndReason } from "@/db/enums";

// How a call ended, in words: the Calls page and its CSV say the same. No server imports.

export const END_REASON_LABELS: Record<RealtimeEndReason, string> = {
  user: "Ended by caller",
  admin: "Hung up by admin",
  budget: "Stopped at budget",
  deadline: "Reached time limit",
  error: "Ended by an error",
  reaped: "Closed after its deadline (connection lost)",
};

/** The words for a call's state: live, or why it ended. */
export function callOutcome(call: { endedAt: unknown; endReason: RealtimeEndReason | null }): string {
  if (!call.endedAt) return "Live";
  return call.endReason ? END_REASON_LABELS[call.endReason] : "Ended";
}

import type { TelephonyAction } from "@/db/enums";
import { matchesPrefix } from "./numbers";

// What happens to an incoming phone call: pure, so every rule is tested without a database.

export interface CallRules {
  defaultAction: TelephonyAction;
  allowPrefixes: string[];
  denyPrefixes: string[];
  /** A `tel:`/`sip:` URI; needed for the refer action, and where unavailable calls go when set. */
  referTarget: string | null;
  rejectStatus: number;
}

/** Whether the assistant could take the call: the workspace has a usable key and budget left. */
export type Availability = "available" | "no_key" | "over_budget";

export type CallDecision =
  | { action: "accept"; reason: "policy" }
  | { action: "reject"; statusCode: number; reason: "denied" | "not_allowed" | "policy" | "unavailable" }
  | { action: "refer"; targetUri: string; reason: "policy" | "unavailable" };

/** SIP 480 Temporarily Unavailable: the assistant cannot take calls now (no key, no budget). */
export const UNAVAILABLE_STATUS = 480;

/**
 * Deny list first, then the allow list (when it has entries only listed callers pass), then the
 * default action. A call the assistant would take but cannot (no key or budget) goes to the refer
 * target when one is set, else hears 480.
 */
export function decideCall({
  from,
  rules,
  availability,
}: {
  from: string | null;
  rules: CallRules;
  availability: Availability;
}): CallDecision {
  if (matchesPrefix(from, rules.denyPrefixes)) return { action: "reject", statusCode: rules.rejectStatus, reason: "denied" };
  if (rules.allowPrefixes.length > 0 && !matchesPrefix(from, rules.allowPrefixes))
    return { action: "reject", statusCode: rules.rejectStatus, reason: "not_allowed" };
  if (rules.defaultAction === "reject") return { action: "reject", statusCode: rules.rejectStatus, reason: "policy" };
  if (rules.defaultAction === "refer" && rules.referTarget) return { action: "refer", targetUri: rules.referTarget, reason: "policy" };
  if (availability !== "available")
    return rules.referTarget
      ? { action: "refer", targetUri: rules.referTarget, reason: "unavailable" }
      : { action: "reject", statusCode: UNAVAILABLE_STATUS, reason: "unavailable" };
  return { action: "accept", reason: "policy" };
}

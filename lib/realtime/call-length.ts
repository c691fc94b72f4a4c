// How long a relayed call may last, and when the server hangs it up. Pure: the settings form,
// the relay and the reaper share these numbers.

/** The relay route's `maxDuration` (app/api/v1/realtime/calls/route.ts must export this literal). */
export const RELAY_MAX_DURATION_SECONDS = 300;
/** Left of the relay function's life for hanging up and recording the end before the platform stops it. */
export const PLATFORM_MARGIN_SECONDS = 20;

export const MIN_CALL_SECONDS = 10;
/** OpenAI ends a Realtime session after 60 minutes anyway. */
export const MAX_CALL_SECONDS = 3600;
export const DEFAULT_CALL_SECONDS = 600;
/** The browser shows the time left during the call's last minute. */
export const COUNTDOWN_SECONDS = 60;
/**
 * An open call this long past its deadline has lost its observer (the observer hangs up at the
 * deadline itself): the reaper hangs it up and closes its record.
 */
export const REAP_GRACE_SECONDS = 20;

/** On a platform that stops the relay's function (Vercel), the longest call the function can watch. */
export const platformCallCapSeconds = (onVercel: boolean): number | null =>
  onVercel ? RELAY_MAX_DURATION_SECONDS - PLATFORM_MARGIN_SECONDS : null;

/**
 * The length a new call gets: the workspace policy's maximum, capped by the platform (the relay
 * function's life) and by the operator's REALTIME_MAX_CALL_SECONDS_CAP, whichever is shortest.
 */
export function effectiveCallSeconds({
  policySeconds,
  onVercel,
  operatorCapSeconds,
}: {
  policySeconds: number;
  onVercel: boolean;
  operatorCapSeconds?: number | undefined;
}): number {
  const caps = [policySeconds, platformCallCapSeconds(onVercel), operatorCapSeconds].filter((c): c is number => typeof c === "number");
  return Math.max(1, Math.min(...caps));
}

export const callDeadline = (startedAtMs: number, seconds: number) => new Date(startedAtMs + seconds * 1000);

/** Whole seconds left until `deadlineMs` (never negative), and whether the countdown shows. */
export function timeLeft(deadlineMs: number, nowMs: number): { seconds: number; showCountdown: boolean } {
  const seconds = Math.max(0, Math.ceil((deadlineMs - nowMs) / 1000));
  return { seconds, showCountdown: seconds <= COUNTDOWN_SECONDS };
}

/** "4:05" */
export const formatClock = (seconds: number) => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;

/** A call still open at this time has lost its observer. */
export const reapAfter = (deadline: Date) => new Date(deadline.getTime() + REAP_GRACE_SECONDS * 1000);

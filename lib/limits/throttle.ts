import { sql } from "drizzle-orm";
import { getDb } from "@/lib/database";
import { env } from "@/lib/config/env";
import { AppError } from "@/lib/errors";
import { currentWindow, pruneOldWindows } from "./rate-limit";

// Throttles what a stranger could try at scale — sign-in, sign-up, password-reset requests and key
// checks — per email (or workspace) AND per client address, counted in `rate_limit_windows` so every
// server instance shares the counts. Two rules, whichever refuses longer wins:
// 1. attempts a minute (fixed one-minute windows, the same atomic upsert as the API rate limit);
// 2. backing off: once a subject has failed `freeFailures` times in 15 minutes, each further attempt
//    waits `lockout(failures)` after the last failure — THROTTLE_LOCKOUT_SECONDS, doubling per extra
//    failure, at most 15 minutes. Failures are rows keyed `<key>:failed`, one per second they happen in.
// Nothing here depends on whether an email has an account, so the answer and its timing do not either.

export type ThrottleAction = "sign_in" | "sign_up" | "password_reset" | "key_check";

/** Whom an attempt is charged to; `address` always, plus the email or workspace it aims at. */
export interface ThrottleTarget {
  address: string;
  account?: string;
  workspace?: string;
}

export const FAILURE_MEMORY_MS = 15 * 60_000;
export const MAX_LOCKOUT_SECONDS = 15 * 60;

interface Subject {
  kind: "address" | "account" | "workspace";
  key: string;
  perMinute: number;
  freeFailures: number;
}

function subjectsOf(action: ThrottleAction, target: ThrottleTarget): Subject[] {
  const config = env();
  const subject = (kind: Subject["kind"], value: string, perMinute: number, freeFailures: number): Subject => ({
    kind,
    key: `throttle:${action}:${kind}:${value}`,
    perMinute,
    freeFailures,
  });
  const subjects = [subject("address", target.address, config.THROTTLE_ADDRESS_PER_MINUTE, config.THROTTLE_ADDRESS_PER_MINUTE)];
  if (target.account !== undefined)
    subjects.push(subject("account", target.account, config.THROTTLE_ACCOUNT_PER_MINUTE, config.THROTTLE_FREE_FAILURES));
  if (target.workspace !== undefined)
    subjects.push(subject("workspace", target.workspace, config.THROTTLE_KEY_CHECKS_PER_MINUTE, config.THROTTLE_FREE_FAILURES));
  return subjects;
}

const failedKey = (key: string) => `${key}:failed`;

/** Seconds a subject with `failures` recent failures must wait after its last one. */
export function lockoutSeconds({
  failures,
  freeFailures,
  baseSeconds,
}: {
  failures: number;
  freeFailures: number;
  baseSeconds: number;
}): number {
  if (failures < freeFailures) return 0;
  return Math.min(MAX_LOCKOUT_SECONDS, baseSeconds * 2 ** Math.min(failures - freeFailures, 20));
}

export interface SubjectCount {
  /** Attempts in the current minute, this one included. */
  attempts: number;
  perMinute: number;
  /** Failures in the last 15 minutes. */
  failures: number;
  freeFailures: number;
  lastFailureMs: number | null;
}

export interface ThrottleRefusal {
  reason: "too_many_attempts" | "locked_out";
  retryAfterSeconds: number;
}

/** Whether an attempt may go ahead; the longest wait any subject imposes when it may not. */
export function throttleVerdict({
  subjects,
  windowStart,
  now,
  baseLockoutSeconds,
}: {
  subjects: SubjectCount[];
  windowStart: Date;
  now: number;
  baseLockoutSeconds: number;
}): ThrottleRefusal | null {
  let refusal: ThrottleRefusal | null = null;
  const refuse = (reason: ThrottleRefusal["reason"], untilMs: number) => {
    const retryAfterSeconds = Math.max(1, Math.ceil((untilMs - now) / 1000));
    if (!refusal || retryAfterSeconds > refusal.retryAfterSeconds) refusal = { reason, retryAfterSeconds };
  };
  for (const s of subjects) {
    if (s.attempts > s.perMinute) refuse("too_many_attempts", windowStart.getTime() + 60_000);
    const lockout = lockoutSeconds({ failures: s.failures, freeFailures: s.freeFailures, baseSeconds: baseLockoutSeconds });
    if (lockout > 0 && s.lastFailureMs !== null && s.lastFailureMs + lockout * 1000 > now)
      refuse("locked_out", s.lastFailureMs + lockout * 1000);
  }
  return refusal;
}

const WHAT: Record<ThrottleAction, string> = {
  sign_in: "sign-in attempts",
  sign_up: "sign-up attempts",
  password_reset: "password-reset requests",
  key_check: "key checks",
};

/** What a throttled person reads, e.g. "Too many sign-in attempts. Try again in 42 seconds." */
export const throttleMessage = (action: ThrottleAction, seconds: number) =>
  `Too many ${WHAT[action]}. Try again in ${seconds} second${seconds === 1 ? "" : "s"}.`;

export function throttledError(action: ThrottleAction, refusal: ThrottleRefusal): AppError {
  const wait = refusal.retryAfterSeconds;
  return new AppError(
    "rate_limited",
    throttleMessage(action, wait),
    { retryAfterSeconds: wait, reason: refusal.reason },
    { "Retry-After": String(wait) },
  );
}

interface CountRow extends Record<string, unknown> {
  key: string;
  count: number;
  failures: number;
  last_failure_ms: number | null;
}

/** Counts the attempt; throws a 429 `rate_limited` AppError (with Retry-After) when it must wait. */
export async function admitAttempt({ action, target }: { action: ThrottleAction; target: ThrottleTarget }): Promise<void> {
  const refusal = await countAttempt({ action, target });
  if (refusal) throw throttledError(action, refusal);
}

/**
 * Counts one attempt for every subject of `target` and reads their recent failures, in ONE statement;
 * the refusal when any subject is over its budget or locked out, else null.
 */
export async function countAttempt({
  action,
  target,
}: {
  action: ThrottleAction;
  target: ThrottleTarget;
}): Promise<ThrottleRefusal | null> {
  const subjects = subjectsOf(action, target);
  const db = await getDb();
  const now = Date.now();
  const windowStart = currentWindow(now);
  const since = new Date(now - FAILURE_MEMORY_MS).toISOString();
  const rows = sql.join(
    subjects.map((s) => sql`(${s.key}, ${windowStart.toISOString()}::timestamptz, 1)`),
    sql`, `,
  );
  const result = await db.execute<CountRow>(sql`
    with counted as (
      insert into rate_limit_windows (key, window_start, count) values ${rows}
      on conflict (key, window_start) do update set count = rate_limit_windows.count + 1
      returning key, count
    )
    select c.key, c.count, coalesce(sum(f.count), 0)::int as failures,
      (extract(epoch from max(f.window_start)) * 1000)::float8 as last_failure_ms
    from counted c
    left join rate_limit_windows f on f.key = c.key || ':failed' and f.window_start > ${since}::timestamptz
    group by c.key, c.count`);
  const byKey = new Map((result as unknown as { rows: CountRow[] }).rows.map((row) => [row.key, row]));
  void pruneOldWindows();
  return throttleVerdict({
    subjects: subjects.map((s) => {
      const row = byKey.get(s.key);
      if (!row) throw new Error("throttle upsert returned no row for a subject");
      const last = row.last_failure_ms === null ? null : Number(row.last_failure_ms);
      return { ...s, attempts: Number(row.count), failures: Number(row.failures), lastFailureMs: last };
    }),
    windowStart,
    now,
    baseLockoutSeconds: env().THROTTLE_LOCKOUT_SECONDS,
  });
}

/** A failed attempt (wrong password, taken email, rejected key): counts toward the lockout of every subject. */
export async function recordFailure({ action, target }: { action: ThrottleAction; target: ThrottleTarget }): Promise<void> {
  const db = await getDb();
  const now = Date.now();
  const second = new Date(now - (now % 1000)).toISOString();
  const rows = sql.join(
    subjectsOf(action, target).map((s) => sql`(${failedKey(s.key)}, ${second}::timestamptz, 1)`),
    sql`, `,
  );
  await db.execute(sql`
    insert into rate_limit_windows (key, window_start, count) values ${rows}
    on conflict (key, window_start) do update set count = rate_limit_windows.count + 1`);
}

/** A success clears the failures of the email or workspace (not of the address, shared by others). */
export async function forgetFailures({
  action,
  target,
}: {
  action: ThrottleAction;
  target: Omit<ThrottleTarget, "address">;
}): Promise<void> {
  const keys = subjectsOf(action, { ...target, address: "" })
    .filter((s) => s.kind !== "address")
    .map((s) => failedKey(s.key));
  if (keys.length === 0) return;
  const db = await getDb();
  await db.execute(
    sql`delete from rate_limit_windows where key in (${sql.join(
      keys.map((k) => sql`${k}`),
      sql`, `,
    )})`,
  );
}

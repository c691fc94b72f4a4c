import { beforeAll, describe, expect, it } from "vitest";
import { freshDataDir } from "@/test-support/embedded-db";

freshDataDir();
const { admitAttempt, countAttempt, forgetFailures, lockoutSeconds, recordFailure, throttleVerdict, MAX_LOCKOUT_SECONDS } = await import(
  "./throttle"
);
const { clientAddress } = await import("./client-address");

const defaults = { account: { perMinute: 5, freeFailures: 5 }, base: 60 };

describe("lockoutSeconds: backing off on repeated failures", () => {
  it("is free up to the allowance, then the base, doubling per further failure, capped at 15 minutes", () => {
    const at = (failures: number) => lockoutSeconds({ failures, freeFailures: 5, baseSeconds: 60 });
    expect([0, 4, 5, 6, 7, 8, 9, 10, 100].map(at)).toEqual([0, 0, 60, 120, 240, 480, 900, 900, MAX_LOCKOUT_SECONDS]);
  });
});

describe("throttleVerdict", () => {
  const windowStart = new Date(Date.UTC(2026, 0, 1, 12, 0));
  const now = windowStart.getTime() + 20_000;
  const subject = { attempts: 1, perMinute: 5, failures: 0, freeFailures: 5, lastFailureMs: null };

  it("lets attempts within the minute's budget through, and refuses past it until the window ends", () => {
    expect(throttleVerdict({ subjects: [{ ...subject, attempts: 5 }], windowStart, now, baseLockoutSeconds: 60 })).toBeNull();
    expect(throttleVerdict({ subjects: [{ ...subject, attempts: 6 }], windowStart, now, baseLockoutSeconds: 60 })).toEqual({
      reason: "too_many_attempts",
      retryAfterSeconds: 40,
    });
  });

  it("locks a subject out after its free failures, counted from the last one, and the longest wait wins", () => {
    const locked = { ...subject, failures: 6, lastFailureMs: now - 30_000 };
    expect(throttleVerdict({ subjects: [locked], windowStart, now, baseLockoutSeconds: 60 })).toEqual({
      reason: "locked_out",
      retryAfterSeconds: 90,
    });
    const over = { ...subject, attempts: 9 };
    expect(throttleVerdict({ subjects: [over, locked], windowStart, now, baseLockoutSeconds: 60 })?.retryAfterSeconds).toBe(90);
    expect(
      throttleVerdict({ subjects: [{ ...locked, lastFailureMs: now - 121_000 }], windowStart, now, baseLockoutSeconds: 60 }),
    ).toBeNull();
  });

  it("refuses at least 15 of 20 wrong passwords spread over any minute (the issue's target), whatever the start", () => {
    for (const spacingMs of [0, 1_000, 3_000]) {
      for (let offset = 0; offset < 60_000; offset += 7_000) {
        const start = windowStart.getTime() + offset;
        const attemptsByWindow = new Map<number, number>();
        const failures: number[] = [];
        let refused = 0;
        for (let i = 0; i < 20; i++) {
          const t = start + i * spacingMs;
          const w = t - (t % 60_000);
          attemptsByWindow.set(w, (attemptsByWindow.get(w) ?? 0) + 1);
          const recent = failures.filter((f) => f > t - 15 * 60_000);
          const verdict = throttleVerdict({
            subjects: [
              {
                ...defaults.account,
                attempts: attemptsByWindow.get(w) ?? 0,
                failures: recent.length,
                lastFailureMs: recent.at(-1) ?? null,
              },
            ],
            windowStart: new Date(w),
            now: t,
            baseLockoutSeconds: defaults.base,
          });
          if (verdict) refused++;
          else failures.push(t - (t % 1000));
        }
        expect({ spacingMs, offset, refused: refused >= 15 }).toEqual({ spacingMs, offset, refused: true });
      }
    }
  });
});

describe("admitAttempt on the database", () => {
  const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`;
  // Counts are per one-minute window: start each test well inside one, with the database migrated.
  beforeAll(async () => {
    await countAttempt({ action: "sign_in", target: { address: "warm-up" } });
  }, 120_000);
  const insideOneWindow = async () => {
    const intoWindow = Date.now() % 60_000;
    if (intoWindow > 45_000) await new Promise((resolve) => setTimeout(resolve, 60_000 - intoWindow + 100));
  };

  it("charges the email and the address: the 6th attempt on one email in a minute is a 429 with Retry-After", async () => {
    await insideOneWindow();
    const target = { account: `victim-${unique()}@example.com`, address: `10.0.0.${Math.floor(Math.random() * 250)}` };
    for (let i = 0; i < 5; i++) await admitAttempt({ action: "sign_in", target });
    const error = await admitAttempt({ action: "sign_in", target }).catch((e) => e);
    expect(error).toMatchObject({ status: 429, code: "rate_limited", details: { reason: "too_many_attempts" } });
    const retryAfter = Number(error.headers["Retry-After"]);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(error.message).toBe(`Too many sign-in attempts. Try again in ${retryAfter} second${retryAfter === 1 ? "" : "s"}.`);
    // Another email from the same address still goes through; the same email under another action too.
    await expect(
      admitAttempt({ action: "sign_in", target: { ...target, account: `other-${unique()}@example.com` } }),
    ).resolves.toBeUndefined();
    await expect(admitAttempt({ action: "password_reset", target })).resolves.toBeUndefined();
  });

  it("charges one address across emails: the 31st sign-in a minute from it is refused", async () => {
    await insideOneWindow();
    const address = `192.0.2.${unique()}`;
    const results = await Promise.all(
      Array.from({ length: 31 }, (_, i) =>
        countAttempt({ action: "sign_in", target: { account: `spray-${i}-${unique()}@example.com`, address } }),
      ),
    );
    expect(results.filter((r) => r === null)).toHaveLength(30);
    expect(results.filter((r) => r?.reason === "too_many_attempts")).toHaveLength(1);
  });

  it("locks the email out after 5 failures for about a minute; a success clears the email's failures, not the address's", async () => {
    const target = { account: `typo-${unique()}@example.com`, address: `198.18.0.${unique()}` };
    for (let i = 0; i < 5; i++) await recordFailure({ action: "sign_in", target });
    const refusal = await countAttempt({ action: "sign_in", target });
    expect(refusal?.reason).toBe("locked_out");
    expect(refusal?.retryAfterSeconds).toBeGreaterThan(55);
    expect(refusal?.retryAfterSeconds).toBeLessThanOrEqual(60);
    await recordFailure({ action: "sign_in", target });
    expect((await countAttempt({ action: "sign_in", target }))?.retryAfterSeconds).toBeGreaterThan(115);
    await forgetFailures({ action: "sign_in", target });
    expect(await countAttempt({ action: "sign_in", target: { ...target } })).toBeNull();
  });

  it("a workspace's key checks: 10 a minute, then 429", async () => {
    await insideOneWindow();
    const target = { workspace: `ws-${unique()}`, address: `198.19.0.${unique()}` };
    const results = await Promise.all(Array.from({ length: 12 }, () => countAttempt({ action: "key_check", target })));
    expect(results.filter((r) => r === null)).toHaveLength(10);
  });
});

describe("clientAddress", () => {
  it("takes X-Forwarded-For's first hop when the host is trusted, else X-Real-IP or the nearest hop", () => {
    const headers = new Headers({ "x-forwarded-for": "203.0.113.7, 10.0.0.1", "x-real-ip": "10.0.0.9" });
    expect(clientAddress(headers)).toBe("203.0.113.7");
    process.env.AUTH_TRUST_HOST = "false";
    try {
      expect(clientAddress(headers)).toBe("10.0.0.9");
      expect(clientAddress(new Headers({ "x-forwarded-for": "203.0.113.7, 10.0.0.1" }))).toBe("10.0.0.1");
    } finally {
      delete process.env.AUTH_TRUST_HOST;
    }
    expect(clientAddress(new Headers())).toBe("unknown");
  });
});

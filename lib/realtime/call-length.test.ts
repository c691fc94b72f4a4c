import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  callDeadline,
  effectiveCallSeconds,
  formatClock,
  PLATFORM_MARGIN_SECONDS,
  RELAY_MAX_DURATION_SECONDS,
  reapAfter,
  timeLeft,
} from "./call-length";
import { assistantSettingsSchema, DEFAULT_SETTINGS } from "./policy";

describe("call length", () => {
  it("takes the policy's maximum on a long-running server, under the operator's cap", () => {
    expect(effectiveCallSeconds({ policySeconds: 600, onVercel: false })).toBe(600);
    expect(effectiveCallSeconds({ policySeconds: 3600, onVercel: false })).toBe(3600);
    expect(effectiveCallSeconds({ policySeconds: 600, onVercel: false, operatorCapSeconds: 12 })).toBe(12);
    expect(effectiveCallSeconds({ policySeconds: 10, onVercel: false, operatorCapSeconds: 12 })).toBe(10);
  });

  it("on Vercel, ends calls before the relay function's maxDuration stops the sideband", () => {
    expect(effectiveCallSeconds({ policySeconds: 600, onVercel: true })).toBe(280);
    expect(RELAY_MAX_DURATION_SECONDS - PLATFORM_MARGIN_SECONDS).toBe(280);
    expect(effectiveCallSeconds({ policySeconds: 120, onVercel: true })).toBe(120);
    expect(effectiveCallSeconds({ policySeconds: 600, onVercel: true, operatorCapSeconds: 30 })).toBe(30);
  });

  it("the relay route declares the maxDuration the caps are computed from", () => {
    const route = fs.readFileSync(path.resolve(import.meta.dirname, "../../app/api/v1/realtime/calls/route.ts"), "utf8");
    expect(route).toContain(`export const maxDuration = ${RELAY_MAX_DURATION_SECONDS};`);
  });

  it("deadline, countdown and reaping times", () => {
    const start = Date.parse("2026-01-01T10:00:00Z");
    const deadline = callDeadline(start, 280);
    expect(deadline.toISOString()).toBe("2026-01-01T10:04:40.000Z");
    expect(timeLeft(deadline.getTime(), start)).toEqual({ seconds: 280, showCountdown: false });
    expect(timeLeft(deadline.getTime(), deadline.getTime() - 60_000)).toEqual({ seconds: 60, showCountdown: true });
    expect(timeLeft(deadline.getTime(), deadline.getTime() - 59_001)).toEqual({ seconds: 60, showCountdown: true });
    expect(timeLeft(deadline.getTime(), deadline.getTime() - 60_001).showCountdown).toBe(false);
    expect(timeLeft(deadline.getTime(), deadline.getTime() + 5_000)).toEqual({ seconds: 0, showCountdown: true });
    expect(reapAfter(deadline).toISOString()).toBe("2026-01-01T10:05:00.000Z");
    expect([formatClock(0), formatClock(59), formatClock(60), formatClock(605)]).toEqual(["0:00", "0:59", "1:00", "10:05"]);
  });

  it("the policy's maximum is 10 s to an hour, 10 minutes unless set", () => {
    expect(DEFAULT_SETTINGS.maxCallSeconds).toBe(600);
    expect(assistantSettingsSchema.safeParse({ ...DEFAULT_SETTINGS, maxCallSeconds: 9 }).success).toBe(false);
    expect(assistantSettingsSchema.safeParse({ ...DEFAULT_SETTINGS, maxCallSeconds: 3601 }).success).toBe(false);
    expect(assistantSettingsSchema.safeParse({ ...DEFAULT_SETTINGS, maxCallSeconds: 10.5 }).success).toBe(false);
    const { maxCallSeconds: _omitted, ...older } = DEFAULT_SETTINGS;
    expect(assistantSettingsSchema.parse({ ...older }).maxCallSeconds).toBe(600);
  });
});

import { describe, expect, it } from "vitest";
import { apiErrorFrom, needsKeySetup } from "./errors";

describe("apiErrorFrom", () => {
  it("reads the code, message and retry hint of our envelope", () => {
    const error = apiErrorFrom(429, { error: "Slow down.", code: "rate_limited", status: 429, details: { retryAfterSeconds: 12 } });
    expect(error).toMatchObject({ code: "rate_limited", message: "Slow down.", status: 429, retryAfterSeconds: 12 });
  });

  it("falls back to the Retry-After header", () => {
    expect(apiErrorFrom(429, { error: "Slow down.", code: "upstream_rate_limited" }, "30").retryAfterSeconds).toBe(30);
  });

  it("gives a body that is not our envelope the code its status implies", () => {
    expect(apiErrorFrom(502, "<html>Bad gateway</html>")).toMatchObject({
      code: "upstream_error",
      message: "Request failed (502).",
      status: 502,
    });
    expect(apiErrorFrom(418, null)).toMatchObject({ code: "bad_request", status: 418 });
    expect(apiErrorFrom(599, { error: "Odd.", code: "made_up" })).toMatchObject({ code: "internal_error", message: "Odd." });
  });

  it("tells which failures the key settings can fix", () => {
    expect(needsKeySetup(apiErrorFrom(424, { error: "No key.", code: "no_key_configured" }))).toBe(true);
    expect(needsKeySetup(apiErrorFrom(424, { error: "Refused.", code: "upstream_key_rejected" }))).toBe(true);
    expect(needsKeySetup(apiErrorFrom(403, { error: "No.", code: "forbidden" }))).toBe(false);
  });
});

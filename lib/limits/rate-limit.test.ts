import { describe, expect, it } from "vitest";
import { freshDataDir } from "@/test-support/embedded-db";

freshDataDir();
const { countRequest, settleRateLimit } = await import("./rate-limit");

/** What the route wrapper does: count, then settle against the limit (a 429 past it). */
const consumeRateLimit = async ({ key, limit }: { key: string; limit: number }) =>
  settleRateLimit({ ...(await countRequest({ key })), limit });

describe("countRequest + settleRateLimit", () => {
  it("admits exactly the limit under 50 concurrent requests and refuses the rest with Retry-After", async () => {
    const key = `test:${Math.random()}`;
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => consumeRateLimit({ key, limit: 30 })));
    const admitted = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason);
    expect(admitted).toHaveLength(30);
    expect(refused).toHaveLength(20);
    for (const error of refused) {
      expect(error).toMatchObject({ status: 429, code: "rate_limited" });
      const retryAfter = Number(error.headers["Retry-After"]);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(error.headers["RateLimit-Remaining"]).toBe("0");
    }
  });

  it("keeps separate budgets per key and reports what remains", async () => {
    const a = await consumeRateLimit({ key: `a:${Math.random()}`, limit: 5 });
    const b = await consumeRateLimit({ key: `b:${Math.random()}`, limit: 5 });
    expect(a.remaining).toBe(4);
    expect(b.remaining).toBe(4);
  });
});

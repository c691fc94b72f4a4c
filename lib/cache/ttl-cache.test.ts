import { describe, expect, it } from "vitest";
import { sharedTtlCache, TtlCache } from "./ttl-cache";

describe("TtlCache", () => {
  it("forgets an entry once its time is up, and the oldest one when full", async () => {
    const cache = new TtlCache<number>(20, 2);
    cache.set("a", 1);
    cache.set("b", 2);
    cache.set("c", 3);
    expect([cache.get("a"), cache.get("b"), cache.get("c")]).toEqual([undefined, 2, 3]);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(cache.get("b")).toBeUndefined();
  });

  it("a shared cache is one per name in the process: what one module bundle stores, another reads", () => {
    const fromPage = sharedTtlCache<string>("test-shared", 60_000);
    const fromRoute = sharedTtlCache<string>("test-shared", 60_000);
    fromRoute.set("k", "fresh");
    expect(fromPage.get("k")).toBe("fresh");
    expect(sharedTtlCache<string>("test-other", 60_000).get("k")).toBeUndefined();
  });
});

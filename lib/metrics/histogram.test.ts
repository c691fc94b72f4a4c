import { describe, expect, it } from "vitest";
import { BUCKET_COUNT, bucketIndex, quantileMs, statusClass } from "./histogram";

describe("latency histogram", () => {
  it("puts latencies in the first bucket whose bound holds them", () => {
    expect(bucketIndex(0.4)).toBe(0);
    expect(bucketIndex(3)).toBe(2);
    expect(bucketIndex(99_999)).toBe(BUCKET_COUNT - 1);
  });

  it("reads quantiles off the merged buckets", () => {
    const buckets = Array(BUCKET_COUNT).fill(0);
    buckets[bucketIndex(3)] = 90; // 90 requests ≤ 5 ms
    buckets[bucketIndex(150)] = 10; // 10 requests ≤ 200 ms
    expect(quantileMs(buckets, 0.5)).toBe(5);
    expect(quantileMs(buckets, 0.95)).toBe(200);
    expect(quantileMs(Array(BUCKET_COUNT).fill(0), 0.5)).toBeNull();
  });

  it("classes statuses, keeping 429 apart from other 4xx", () => {
    expect([200, 201, 404, 429, 502].map(statusClass)).toEqual(["2xx", "2xx", "4xx", "429", "5xx"]);
  });
});

import { describe, expect, it } from "vitest";
import { offsetOf, pageCountOf, pageFromSearch, pageQuery } from "./pagination";

describe("pagination", () => {
  const query = pageQuery({ defaultLimit: 25, maxLimit: 100 });

  it("reads page and limit from a query, with defaults", () => {
    expect(query.parse({})).toEqual({ page: 1, limit: 25 });
    expect(query.parse({ page: "3", limit: "10" })).toEqual({ page: 3, limit: 10 });
  });

  it("refuses pages below 1, fractions and limits over the cap with a sentence", () => {
    for (const bad of [{ page: "0" }, { page: "-1" }, { page: "1.5" }, { page: "x" }, { limit: "101" }, { limit: "0" }]) {
      const result = query.safeParse(bad);
      expect(result.success, JSON.stringify(bad)).toBe(false);
      expect(result.error?.issues[0]?.message).toMatch(/^(page|limit) (must be|is)/);
    }
  });

  it("skips whole pages and counts at least one page", () => {
    expect(offsetOf({ page: 1, limit: 25 })).toBe(0);
    expect(offsetOf({ page: 3, limit: 25 })).toBe(50);
    expect(pageCountOf(0, 25)).toBe(1);
    expect(pageCountOf(500, 25)).toBe(20);
    expect(pageCountOf(501, 25)).toBe(21);
  });

  it("reads a page's own URL forgivingly: junk is page 1, past the end is the last page", () => {
    expect(pageFromSearch(undefined, 500, 25)).toBe(1);
    expect(pageFromSearch("abc", 500, 25)).toBe(1);
    expect(pageFromSearch("0", 500, 25)).toBe(1);
    expect(pageFromSearch(["4", "5"], 500, 25)).toBe(4);
    expect(pageFromSearch("99", 500, 25)).toBe(20);
    expect(pageFromSearch("2", 0, 25)).toBe(1);
  });
});

import { describe, expect, it } from "vitest";
import { pageHref } from "./pager";

describe("pageHref", () => {
  it("sets this list's page and keeps the other lists' and filters' parameters", () => {
    expect(pageHref({ activity: "3", tab: "x" }, "members", 2)).toBe("?activity=3&tab=x&members=2");
    expect(pageHref({ members: "4", multi: ["a", "b"] }, "members", 5)).toBe("?multi=a&multi=b&members=5");
  });

  it("drops the parameter for page 1, down to a bare query", () => {
    expect(pageHref({ members: "2", activity: "3" }, "members", 1)).toBe("?activity=3");
    expect(pageHref({ members: "2" }, "members", 1)).toBe("?");
  });
});

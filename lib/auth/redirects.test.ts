import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "./redirects";

describe("safeCallbackUrl", () => {
  it("keeps same-origin paths with their query and hash", () => {
    expect(safeCallbackUrl("/settings")).toBe("/settings");
    expect(safeCallbackUrl("/usage?start=2026-01-01&end=2026-01-31#chart")).toBe("/usage?start=2026-01-01&end=2026-01-31#chart");
    expect(safeCallbackUrl("/invite/abc_DEF-123")).toBe("/invite/abc_DEF-123");
    expect(safeCallbackUrl("/caf%C3%A9")).toBe("/caf%C3%A9");
  });

  it("turns anything that could leave the site, or break a Location header, into /", () => {
    for (const value of [
      "https://evil.example/",
      "//evil.example",
      "/\\evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      "/settings\r\nSet-Cookie: x=1",
      "/café",
      "/\u{1F600}",
      "/\u0100",
      "/ spaced",
      "javascript:alert(1)",
      "settings",
      "",
      `/${"a".repeat(3000)}`,
      undefined,
      ["/settings"],
    ])
      expect(safeCallbackUrl(value), JSON.stringify(value)).toBe("/");
  });
});

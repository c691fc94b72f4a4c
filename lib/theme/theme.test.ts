import { describe, expect, it } from "vitest";
import { parseTheme, themeCookie } from "./theme";

describe("theme cookie", () => {
  it("reads the three choices and treats anything else as the system's", () => {
    expect(parseTheme("dark")).toBe("dark");
    expect(parseTheme("light")).toBe("light");
    expect(parseTheme("system")).toBe("system");
    for (const stray of [undefined, null, "", "DARK", "dark; x=1", "<script>"]) expect(parseTheme(stray)).toBe("system");
  });

  it("is stored for a year on every path", () => {
    expect(themeCookie("dark")).toBe("theme=dark; path=/; max-age=31536000; samesite=lax");
  });
});

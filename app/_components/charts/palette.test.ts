import { describe, expect, it } from "vitest";
import { colorsByName, SERIES_COLORS } from "./palette";

describe("colorsByName", () => {
  it("a model keeps its colour whatever else is in the range (7 days vs 90 days)", () => {
    const week = colorsByName(["gpt-4.1", "gpt-4o-mini"]);
    const quarter = colorsByName(["gpt-realtime", "gpt-realtime-mini", "gpt-4o-mini", "gpt-4.1", "gpt-5", "o3", "whisper-1"]);
    expect(week.get("gpt-4.1")).toBe(quarter.get("gpt-4.1"));
    expect(week.get("gpt-4o-mini")).toBe(quarter.get("gpt-4o-mini"));
    expect(colorsByName(["gpt-4.1-2025-04-14"]).get("gpt-4.1-2025-04-14")).toBe(week.get("gpt-4.1"));
  });

  it("names outside the fixed list get a colour from their name, and a view never repeats one while colours remain", () => {
    expect(colorsByName(["Support bot"]).get("Support bot")).toBe(colorsByName(["Voice assistant", "Support bot"]).get("Support bot"));
    const names = Array.from({ length: SERIES_COLORS.length }, (_, i) => `proj_${i}`);
    expect(new Set(colorsByName(names).values()).size).toBe(SERIES_COLORS.length);
  });
});

import { describe, expect, it } from "vitest";
import { asSentence, searchOf, viewFromSearch, viewProblem } from "./view-state";

const NOW = Date.parse("2026-03-15T12:00:00Z");

describe("the Usage view in the URL", () => {
  it("a shared link opens the same range, grouping and buckets", () => {
    const view = { start: "2026-03-01", end: "2026-03-05", groupBy: "apiKey" as const, bucket: "1h" as const };
    expect(viewFromSearch(new URLSearchParams(searchOf(view)), NOW)).toEqual(view);
  });

  it("missing or unreadable parameters fall back to the last 7 days by model, daily", () => {
    expect(viewFromSearch(new URLSearchParams("groupBy=nonsense&bucket=1w&start=yesterday"), NOW)).toEqual({
      start: "2026-03-09",
      end: "2026-03-15",
      groupBy: "model",
      bucket: "1d",
    });
  });
});

describe("what the form refuses before asking", () => {
  const base = { start: "2026-03-01", end: "2026-03-05", groupBy: "model" as const, bucket: "1d" as const };
  it("says in a sentence why the API would refuse", () => {
    expect(viewProblem(base, NOW)).toBeNull();
    expect(viewProblem({ ...base, end: "2026-02-20" }, NOW)).toBe(
      "The end date is before the start date: pick an end on or after the start.",
    );
    expect(viewProblem({ ...base, start: "2025-01-01" }, NOW)).toBe("That range is 429 days; pick at most 90.");
    expect(viewProblem({ ...base, end: "2026-03-12", bucket: "1h" }, NOW)).toMatch(
      /^Hourly buckets cover at most 7 days; this range is 12\./,
    );
    expect(viewProblem({ ...base, end: "2026-04-01" }, NOW)).toMatch(/in the future/);
    expect(viewProblem({ ...base, start: "2019-12-31" }, NOW)).toMatch(/Usage starts on 2020-01-01/);
  });

  it("turns the API's validation messages into sentences", () => {
    expect(asSentence("Invalid query: end: end must be on or after start.")).toBe("End must be on or after start.");
    expect(asSentence("Invalid query: groupBy must be model, project, apiKey or user.")).toBe(
      "GroupBy must be model, project, apiKey or user.",
    );
    expect(asSentence("OpenAI did not answer in time. Try again shortly.")).toBe("OpenAI did not answer in time. Try again shortly.");
  });
});

import { describe, expect, it } from "vitest";
import { summariseToolOutput } from "./summary";

describe("the scripted brain's answer after a tool", () => {
  it("models: the first id and how many", () => {
    expect(summariseToolOutput(JSON.stringify({ models: [{ id: "gpt-realtime" }, { id: "gpt-4.1" }] }))).toBe(
      "Here is what I found: gpt-realtime. That is one of 2 models this key can use.",
    );
  });

  it("usage: tokens, requests and the estimated cost of the period", () => {
    const report = {
      start: "2026-11-15",
      end: "2026-11-21",
      totals: { inputTokens: 1_200_000, outputTokens: 34_567, requests: 4321, costUsd: 7.5 },
    };
    expect(summariseToolOutput(JSON.stringify(report))).toBe(
      "You used 1,234,567 tokens in 4,321 requests between 2026-11-15 and 2026-11-21, about $7.50.",
    );
  });

  it("costs: the total in dollars, named by the tool", () => {
    expect(
      summariseToolOutput(JSON.stringify({ start: "2026-11-15", end: "2026-11-21", totals: { costUsd: 3.14259 } }), "get_openai_costs"),
    ).toBe("You spent $3.14 between 2026-11-15 and 2026-11-21.");
  });

  it("proxy health: answers 'any 429s?' with the routes that had them", () => {
    const health = {
      window: "1h",
      routes: [
        { route: "realtime_token", label: "Realtime token", requests: 200, rate429: 0.05, rate5xx: 0 },
        { route: "cto_openai_proxy", label: "OpenAI proxy", requests: 100, rate429: 0, rate5xx: 0 },
      ],
    };
    expect(summariseToolOutput(JSON.stringify(health))).toBe(
      "300 requests in the last hour: 429s on Realtime token (5.0%) and no 5xx errors.",
    );
    expect(summariseToolOutput(JSON.stringify({ window: "1h", routes: [] }))).toBe(
      "No requests reached the proxy routes in the last hour.",
    );
  });

  it("a failed tool says why, and never reads JSON aloud", () => {
    expect(summariseToolOutput(JSON.stringify({ error: "No OpenAI Admin key is saved.", status: 424 }))).toBe(
      "The tool did not answer: No OpenAI Admin key is saved.",
    );
    expect(summariseToolOutput(JSON.stringify({ nothing: [1, 2] }))).not.toContain("{");
  });
});

import type { UsageResponse, UsageRow } from "../api/types";

const cell = (value: string | number | null) => {
  const text = value === null ? "" : String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

const COLUMN: Record<UsageResponse["groupBy"], string> = { model: "model", project: "project", apiKey: "api_key", user: "user" };

/** The table as CSV: the group's id in its column; a project's name, when OpenAI gave one, in the last column. */
export function usageCsv(rows: UsageRow[], groupBy: UsageResponse["groupBy"], names: Record<string, string> = {}): string {
  const named = groupBy === "project" && rows.some((r) => names[r.group]);
  const header = ["date", COLUMN[groupBy], "input_tokens", "output_tokens", "cached_tokens", "audio_tokens", "requests", "cost_usd"];
  const lines = rows.map((r) =>
    [
      r.date,
      r.group,
      r.inputTokens,
      r.outputTokens,
      r.cachedTokens,
      r.audioTokens,
      r.requests,
      r.costUsd,
      ...(named ? [names[r.group] ?? ""] : []),
    ]
      .map(cell)
      .join(","),
  );
  return `${[[...header, ...(named ? ["project_name"] : [])].join(","), ...lines].join("\n")}\n`;
}

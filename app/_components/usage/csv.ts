import type { UsageResponse, UsageRow } from "../api/types";

const cell = (value: string | number | null) => {
  const text = value === null ? "" : String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export function usageCsv(rows: UsageRow[], groupBy: UsageResponse["groupBy"]): string {
  const header = ["date", groupBy, "input_tokens", "output_tokens", "cached_tokens", "audio_tokens", "requests", "cost_usd"];
  const lines = rows.map((r) =>
    [r.date, groupBy === "model" ? r.model : r.project, r.inputTokens, r.outputTokens, r.cachedTokens, r.audioTokens, r.requests, r.costUsd]
      .map(cell)
      .join(","),
  );
  return `${[header.join(","), ...lines].join("\n")}\n`;
}

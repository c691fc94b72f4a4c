import { TOOL_LABELS, type ToolName } from "@/lib/realtime/tool-specs";
import { argumentPairs, prettyJson, summariseToolResult, type ToolSummary } from "./tool-summary";

/** One tool call as the Voice and Chat pages show it. */
export interface ToolCallView {
  callId: string;
  name: string;
  arguments: string;
  startedAt: number;
  result?: string;
  durationMs?: number;
  error?: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MAX_CHIPS = 12;

const label = (name: string) => (Object.hasOwn(TOOL_LABELS, name) ? TOOL_LABELS[name as ToolName] : name);

function Summary({ summary }: { summary: ToolSummary }) {
  if (summary.kind === "list")
    return (
      <div className="mt-2 min-w-0">
        <p className="text-xs font-medium">{summary.caption}</p>
        <ul className="mt-1 flex flex-wrap gap-1" aria-label={summary.caption}>
          {summary.items.slice(0, MAX_CHIPS).map((item) => (
            <li
              key={item}
              className="rounded bg-white px-1.5 py-0.5 font-mono text-xs break-all ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800"
            >
              {item}
            </li>
          ))}
        </ul>
        {summary.items.length > MAX_CHIPS && <p className="muted mt-1 text-xs">and {summary.items.length - MAX_CHIPS} more in the JSON</p>}
      </div>
    );
  if (summary.kind !== "table") return null;
  return (
    <div className="mt-2 min-w-0">
      <p className="text-xs font-medium break-words">{summary.caption}</p>
      <div className="mt-1 max-w-full overflow-x-auto rounded-md ring-1 ring-zinc-200 dark:ring-zinc-800">
        <table className="w-full bg-white text-xs tabular-nums dark:bg-zinc-900" data-testid="tool-table">
          <caption className="sr-only">{summary.caption}</caption>
          <thead className="text-zinc-600 dark:text-zinc-400">
            <tr>
              {summary.columns.map((c, i) => (
                <th
                  key={c}
                  scope="col"
                  className={`px-1.5 py-1 font-medium sm:px-2 whitespace-nowrap ${i >= summary.rightFrom ? "text-right" : "text-left"}`}
                >
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {summary.rows.map((row) => (
              <tr key={row.join("|")}>
                {summary.columns.map((column, i) => (
                  <td
                    key={column}
                    className={`px-1.5 py-1 sm:px-2 ${i >= summary.rightFrom || DAY.test(row[i] ?? "") ? "whitespace-nowrap" : "break-words"} ${i >= summary.rightFrom ? "text-right" : ""} ${i === 0 && summary.idFirst ? "font-mono" : ""}`}
                  >
                    {row[i]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {summary.more > 0 && <p className="muted mt-1 text-xs">and {summary.more} more in the JSON</p>}
    </div>
  );
}

/** A tool call: what ran, with which arguments, how it went, a readable summary, and the JSON on demand. */
export function ToolCard({ call }: { call: ToolCallView }) {
  const state = call.error ? "error" : call.result === undefined ? "running" : "done";
  const summary = state === "done" ? summariseToolResult(call.result) : { kind: "none" as const };
  const args = argumentPairs(call.arguments);
  return (
    <article
      aria-label={`Tool call ${call.name}`}
      className="min-w-0 rounded-lg border border-zinc-200 bg-zinc-50 p-3 text-sm dark:border-zinc-800 dark:bg-zinc-950"
    >
      <header className="flex flex-wrap items-center justify-between gap-2">
        <span className="min-w-0 break-words">
          <span className="font-medium">{label(call.name)}</span> <span className="muted font-mono text-xs">{call.name}</span>
        </span>
        <span
          className={`rounded-full px-2 py-0.5 text-xs font-medium ${
            state === "error"
              ? "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300"
              : state === "running"
                ? "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300"
                : "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300"
          }`}
        >
          {state === "running" ? "running…" : state === "error" ? "failed" : "done"}
          {call.durationMs !== undefined && ` · ${call.durationMs} ms`}
        </span>
      </header>
      {args.length > 0 && (
        <p className="muted mt-1 font-mono text-xs [overflow-wrap:anywhere]" data-testid="tool-arguments">
          {args.join(" · ")}
        </p>
      )}
      {call.error && <p className="mt-2 break-words text-red-700 dark:text-red-400">{call.error}</p>}
      {!call.error && <Summary summary={summary} />}
      {call.result !== undefined && (
        <details className="mt-2">
          <summary className="cursor-pointer text-xs text-zinc-600 dark:text-zinc-400">Result as JSON</summary>
          <pre data-testid="tool-result" className="mt-1 max-h-64 overflow-auto text-xs whitespace-pre-wrap break-all">
            {prettyJson(call.result)}
          </pre>
        </details>
      )}
    </article>
  );
}

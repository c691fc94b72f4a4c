"use client";

import { useState } from "react";
import { dayAndMonth, formatUsd, MICROS_PER_USD, monthName, spentShare } from "@/lib/budgets/money";
import type { BudgetLineView, BudgetsView } from "@/lib/budgets/schemas";
import { removeBudget, saveBudget } from "../api/routes";
import { useMutation } from "../api/use-mutation";
import { Feedback } from "../ui/feedback";

const micros = (usd: number) => Math.round(usd * MICROS_PER_USD);

/** Spent against a budget: a bar that turns amber at 80 % and red at 100 %. */
function SpendBar({ line, label }: { line: BudgetLineView; label: string }) {
  if (line.limitUsd === null) return <p className="muted">{formatUsd(micros(line.spentUsd))} spent · no budget</p>;
  const share = spentShare(micros(line.spentUsd), micros(line.limitUsd));
  const percent = Math.min(100, Math.round(share * 100));
  const tone = share >= 1 ? "bg-red-600" : share >= 0.8 ? "bg-amber-500" : "bg-emerald-600";
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap items-baseline justify-between gap-x-3 text-sm">
        <span>
          <span className="font-medium">{formatUsd(micros(line.spentUsd))}</span>{" "}
          <span className="text-zinc-600 dark:text-zinc-400">of {formatUsd(micros(line.limitUsd))}</span>
        </span>
        <span className={share >= 1 ? "font-medium text-red-700 dark:text-red-400" : "text-zinc-600 dark:text-zinc-400"}>
          {share >= 1 ? "Reached: blocked" : `${Math.round(share * 100)}%`}
        </span>
      </div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        className="h-2 w-full overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800"
      >
        <div className={`h-full ${tone}`} style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}

/** One budget's editor: a dollar amount, save, and remove when one is set. */
function BudgetEditor({ workspaceId, line, label }: { workspaceId: string; line: BudgetLineView; label: string }) {
  const [value, setValue] = useState(line.limitUsd === null ? "" : String(line.limitUsd));
  const { pending, error, message, run } = useMutation();
  const inputId = `budget-${line.userId || "workspace"}`;
  const userId = line.userId || undefined;
  return (
    <div className="space-y-2">
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          const limitUsd = Number(value);
          if (value.trim() === "" || !Number.isFinite(limitUsd) || limitUsd < 0) {
            run(async () => {
              throw new Error("Enter a budget in US dollars, e.g. 50 or 12.50.");
            });
            return;
          }
          run(async () => {
            await saveBudget({ workspaceId, userId, limitUsd });
            return `${label}: ${formatUsd(micros(limitUsd))} a month.`;
          });
        }}
      >
        <div>
          <label htmlFor={inputId} className="label">
            Monthly budget (USD)
          </label>
          <div className="relative">
            <span className="pointer-events-none absolute inset-y-0 left-3 flex items-center text-sm text-zinc-500">$</span>
            <input
              id={inputId}
              className="input w-28 pl-6 sm:w-36"
              inputMode="decimal"
              placeholder="No budget"
              value={value}
              onChange={(e) => setValue(e.target.value)}
            />
          </div>
        </div>
        <button type="submit" className="btn-primary" disabled={pending}>
          {pending ? "Saving…" : "Save"}
        </button>
        {line.limitUsd !== null && (
          <button
            type="button"
            className="btn-secondary"
            disabled={pending}
            onClick={() =>
              run(async () => {
                await removeBudget({ workspaceId, userId });
                setValue("");
                return `${label} removed: no limit.`;
              })
            }
          >
            Remove
          </button>
        )}
      </form>
      <Feedback error={error} message={message} />
    </div>
  );
}

export function BudgetsPanel({ view, canEdit, viewerId }: { view: BudgetsView; canEdit: boolean; viewerId: string }) {
  const month = new Date(`${view.month}T00:00:00Z`);
  const resets = new Date(view.resetsAt);
  const own = view.members.find((m) => m.userId === viewerId);
  return (
    <div className="space-y-6">
      <p className="muted">
        Estimated OpenAI spend for {monthName(month)} {month.getUTCFullYear()} (voice calls and proxied requests, priced per response). When
        a budget is reached, new voice sessions and OpenAI requests answer “budget exceeded” and live calls are ended; admins are alerted at
        80% and 100%. Budgets reset on {dayAndMonth(resets)} (00:00 UTC).
      </p>

      <section className="card space-y-4" aria-labelledby="workspace-budget-heading" data-testid="workspace-budget">
        <div>
          <h2 id="workspace-budget-heading" className="font-semibold">
            Workspace budget
          </h2>
          <p className="muted">Everything the workspace spends this month, every member together.</p>
        </div>
        <SpendBar line={view.workspace} label="Workspace budget spent" />
        {canEdit && <BudgetEditor workspaceId={view.workspaceId} line={view.workspace} label="Workspace budget" />}
      </section>

      {canEdit ? (
        <section className="card space-y-4" aria-labelledby="member-budgets-heading">
          <div>
            <h2 id="member-budgets-heading" className="font-semibold">
              Member budgets
            </h2>
            <p className="muted">A member's own limit within the workspace's. Leave empty for no limit of their own.</p>
          </div>
          <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {view.members.map((m) => (
              <li
                key={m.userId}
                className="grid gap-3 py-4 first:pt-0 last:pb-0 md:grid-cols-[minmax(0,1fr)_minmax(0,1fr)] md:gap-6"
                data-testid={`budget-${m.email}`}
              >
                <div className="min-w-0 space-y-2">
                  <div>
                    <div className="font-medium">
                      {m.name ?? m.email} {m.userId === viewerId && <span className="text-xs text-zinc-500">(you)</span>}
                    </div>
                    <div className="break-all text-xs text-zinc-600 dark:text-zinc-400">
                      {m.email} · {m.role}
                    </div>
                  </div>
                  <SpendBar line={m} label={`Budget of ${m.email ?? m.name} spent`} />
                </div>
                <BudgetEditor workspaceId={view.workspaceId} line={m} label={`Budget of ${m.name ?? m.email}`} />
              </li>
            ))}
          </ul>
        </section>
      ) : (
        own && (
          <section className="card space-y-4" aria-labelledby="own-budget-heading" data-testid="own-budget">
            <div>
              <h2 id="own-budget-heading" className="font-semibold">
                Your budget
              </h2>
              <p className="muted">What you have spent in this workspace this month. Only admins can change budgets.</p>
            </div>
            <SpendBar line={own} label="Your budget spent" />
          </section>
        )
      )}
    </div>
  );
}

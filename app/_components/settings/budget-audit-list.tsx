import { When } from "../ui/when";

interface BudgetAuditRow {
  id: string;
  action: string;
  detail: string | null;
  createdAt: string;
  actor: string | null;
}

/** Who changed which budget, newest first. */
export function BudgetAuditList({ events }: { events: BudgetAuditRow[] }) {
  return (
    <section className="card space-y-4" aria-labelledby="budget-audit-heading">
      <div>
        <h2 id="budget-audit-heading" className="font-semibold">
          Budget changes
        </h2>
        <p className="muted">The latest 20 budget changes of this workspace. Visible to admins and owners.</p>
      </div>
      <ul className="divide-y divide-zinc-200 text-sm dark:divide-zinc-800" data-testid="budget-audit">
        {events.map((e) => (
          <li key={e.id} className="py-2">
            <div>{e.detail ?? (e.action === "budget.removed" ? "Budget removed" : "Budget set")}</div>
            <div className="text-xs text-zinc-600 dark:text-zinc-400">
              <When iso={e.createdAt} /> · {e.actor ?? "System"}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

import Link from "next/link";
import type { WorkspaceOverview } from "@/lib/overview/overview";
import { KeyInUseLabel } from "../settings/key-in-use";
import { formatMicrosUsd, formatPercent, formatWhole } from "../ui/format";
import { When } from "../ui/when";

const utcDay = new Intl.DateTimeFormat("en", { month: "short", day: "numeric", timeZone: "UTC" });

function Arrow() {
  return (
    <svg viewBox="0 0 16 16" className="size-4 shrink-0 transition group-hover:translate-x-0.5" fill="none" aria-hidden="true">
      <path d="M6 3.5 10.5 8 6 12.5" stroke="currentColor" strokeWidth="1.75" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

/** One figure: its title links to the page that explains it. */
function Figure({ id, title, href, children }: { id: string; title: string; href: string; children: React.ReactNode }) {
  return (
    <section className="card flex flex-col" aria-labelledby={`${id}-heading`} data-testid={`figure-${id}`}>
      <h2 id={`${id}-heading`} className="text-sm font-medium text-zinc-600 dark:text-zinc-400">
        <Link
          href={href}
          className="group inline-flex items-center gap-1 rounded hover:text-indigo-700 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:hover:text-indigo-300"
        >
          {title}
          <Arrow />
        </Link>
      </h2>
      <div className="mt-2 flex flex-1 flex-col">{children}</div>
    </section>
  );
}

const Big = ({ children, testId, value }: { children: React.ReactNode; testId: string; value: number }) => (
  <p className="text-3xl font-semibold tracking-tight tabular-nums" data-testid={testId} data-value={value}>
    {children}
  </p>
);

function BudgetBar({ spent, budget }: { spent: number; budget: number }) {
  const ratio = budget > 0 ? spent / budget : 1;
  const tone = ratio >= 1 ? "bg-red-600" : ratio >= 0.8 ? "bg-amber-500" : "bg-emerald-600";
  const percent = Math.round(Math.min(ratio, 1) * 100);
  return (
    <>
      <div className="mt-3 h-2 overflow-hidden rounded-full bg-zinc-100 dark:bg-zinc-800" aria-hidden="true">
        <div className={`h-full rounded-full ${tone}`} style={{ width: `${Math.max(percent, spent > 0 ? 2 : 0)}%` }} />
      </div>
      <p
        className={`mt-1 text-sm ${ratio >= 1 ? "font-medium text-red-700 dark:text-red-400" : "muted"}`}
        data-testid="overview-budget-used"
      >
        {ratio >= 1 ? "Budget reached: new calls are refused" : `${Math.round(ratio * 100)}% of the budget used`}
      </p>
    </>
  );
}

function Spend({ spend, isAdmin }: { spend: WorkspaceOverview["spend"]; isAdmin: boolean }) {
  const { spentMicros, budgetMicros } = spend;
  return (
    <Figure id="spend" title="Spend this month" href="/usage">
      <div className="flex flex-wrap items-baseline gap-x-2">
        <Big testId="overview-spend" value={spentMicros}>
          {formatMicrosUsd(spentMicros)}
        </Big>
        {budgetMicros !== null && <span className="muted">of {formatMicrosUsd(budgetMicros)} budget</span>}
      </div>
      {budgetMicros !== null ? (
        <BudgetBar spent={spentMicros} budget={budgetMicros} />
      ) : (
        <p className="mt-2 text-sm" data-testid="overview-no-budget">
          <span className="font-medium">No budget set.</span>{" "}
          {isAdmin ? (
            <Link href="/settings/budgets" className="text-indigo-700 underline underline-offset-2 dark:text-indigo-300">
              Set a budget
            </Link>
          ) : (
            <span className="muted">An admin can set one.</span>
          )}
        </p>
      )}
      <p className="muted mt-auto pt-3 text-xs">
        Our estimate from voice calls and proxied requests, not OpenAI&apos;s bill. Resets {utcDay.format(new Date(spend.resetsAt))}, 00:00
        UTC.
        {budgetMicros !== null && isAdmin && (
          <>
            {" "}
            <Link href="/settings/budgets" className="text-indigo-700 underline underline-offset-2 dark:text-indigo-300">
              Change the budget
            </Link>
          </>
        )}
      </p>
    </Figure>
  );
}

function Calls({ calls }: { calls: WorkspaceOverview["calls"] }) {
  return (
    <Figure id="calls" title="Voice calls today" href="/calls">
      <Big testId="overview-calls-today" value={calls.today}>
        {formatWhole(calls.today)}
      </Big>
      {calls.today === 0 && calls.live === 0 ? (
        <p className="muted mt-1">No voice calls yet today.</p>
      ) : (
        <p className="mt-1 text-sm">
          <span data-testid="overview-active-members" data-value={calls.activeMembersToday}>
            {formatWhole(calls.activeMembersToday)} active member{calls.activeMembersToday === 1 ? "" : "s"}
          </span>
          {calls.live > 0 && (
            <>
              {" · "}
              <span className="font-medium text-emerald-700 dark:text-emerald-400">{formatWhole(calls.live)} live now</span>
            </>
          )}
        </p>
      )}
      <p className="muted mt-auto pt-3 text-xs">Since 00:00 UTC. Members count once they call or use the OpenAI pages.</p>
    </Figure>
  );
}

function Errors({ errors }: { errors: WorkspaceOverview["errors"] }) {
  const alarm = (rate: number) => (rate >= 0.05 ? "text-red-700 dark:text-red-400" : "");
  return (
    <Figure id="errors" title="Errors, last hour" href="/ops">
      {errors.requests === 0 ? (
        <>
          <Big testId="overview-requests" value={0}>
            —
          </Big>
          <p className="muted mt-1">No API requests in the last hour.</p>
        </>
      ) : (
        <>
          <dl className="grid grid-cols-2 gap-3">
            <div>
              <dt className="muted text-xs">429 rate limited</dt>
              <dd
                className={`text-3xl font-semibold tabular-nums ${alarm(errors.rate429)}`}
                data-testid="overview-rate-429"
                data-value={errors.rate429}
              >
                {formatPercent(errors.rate429)}
              </dd>
            </div>
            <div>
              <dt className="muted text-xs">5xx failed</dt>
              <dd
                className={`text-3xl font-semibold tabular-nums ${alarm(errors.rate5xx)}`}
                data-testid="overview-rate-5xx"
                data-value={errors.rate5xx}
              >
                {formatPercent(errors.rate5xx)}
              </dd>
            </div>
          </dl>
          <p className="muted mt-1" data-testid="overview-requests" data-value={errors.requests}>
            of {formatWhole(errors.requests)} request{errors.requests === 1 ? "" : "s"}
          </p>
        </>
      )}
      <p className="muted mt-auto pt-3 text-xs">This workspace&apos;s calls to the dashboard&apos;s API, its own polling left out.</p>
    </Figure>
  );
}

function Key({ keyState }: { keyState: WorkspaceOverview["key"] }) {
  return (
    <Figure id="key" title="OpenAI key in use" href="/settings/keys">
      <dl className="grid grid-cols-[auto_1fr] items-center gap-x-3 gap-y-2 text-sm">
        <dt className="muted">API key</dt>
        <dd>
          <KeyInUseLabel inUse={keyState.inUse} testId="overview-key-openai" />
        </dd>
        <dt className="muted">Last used</dt>
        <dd data-testid="overview-key-last-used">
          {keyState.inUse === "none" ? (
            "—"
          ) : keyState.inUse === "instance" ? (
            <span className="muted">not tracked for the instance&apos;s key</span>
          ) : keyState.lastUsedAt ? (
            <When iso={keyState.lastUsedAt} />
          ) : (
            "not yet"
          )}
        </dd>
        <dt className="muted">Admin key (usage)</dt>
        <dd>
          <KeyInUseLabel inUse={keyState.adminInUse} testId="overview-key-openai-admin" />
        </dd>
      </dl>
      {keyState.inUse === "none" && (
        <p className="mt-3 text-sm text-amber-800 dark:text-amber-300">
          No key: the assistant and the OpenAI pages cannot call OpenAI yet.
        </p>
      )}
      <p className="muted mt-auto pt-3 text-xs">Your calls use your personal key first, then the workspace&apos;s.</p>
    </Figure>
  );
}

/** The Overview's four figures of the current workspace, each linking to its page. */
export function OverviewFigures({ overview, isAdmin }: { overview: WorkspaceOverview; isAdmin: boolean }) {
  return (
    <div className="grid gap-4 sm:grid-cols-2" data-workspace-id={overview.workspaceId} data-testid="overview-figures">
      <Spend spend={overview.spend} isAdmin={isAdmin} />
      <Calls calls={overview.calls} />
      <Errors errors={overview.errors} />
      <Key keyState={overview.key} />
    </div>
  );
}

/** What the Overview shows while its figures load. */
export function OverviewSkeleton() {
  return (
    <div role="status" aria-label="Loading the overview" className="grid gap-4 sm:grid-cols-2">
      {["spend", "calls", "errors", "key"].map((id) => (
        <div key={id} className="card h-40 animate-pulse bg-zinc-100 dark:bg-zinc-800" />
      ))}
    </div>
  );
}

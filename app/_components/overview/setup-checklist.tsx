import Link from "next/link";
import type { KeyInUse } from "../settings/key-in-use";

export interface ChecklistState {
  key: boolean;
  assistant: boolean;
  team: boolean;
  budget: boolean;
}

type StepId = keyof ChecklistState;

interface Step {
  id: StepId;
  title: string;
  todo: string;
  done: string;
  href: string;
  action: string;
  /** Only admins and owners can do it; members are told to ask one. */
  adminOnly: boolean;
}

const KEY_DONE: Record<KeyInUse, string> = {
  workspace: "Calls use the workspace's own key.",
  personal: "Your calls use your personal key.",
  instance: "Calls use the instance's key until the workspace has its own.",
  none: "",
};

const steps = (inUse: KeyInUse): Step[] => [
  {
    id: "key",
    title: "Save an OpenAI key",
    todo: "The assistant and the OpenAI pages need a key: the workspace's, or your own personal key.",
    done: KEY_DONE[inUse],
    href: "/settings/keys",
    action: "Add a key",
    adminOnly: false,
  },
  {
    id: "assistant",
    title: "Try the voice assistant",
    todo: "Ask it which models you have, or what last week cost.",
    done: "This workspace has placed its first voice call.",
    href: "/voice",
    action: "Open Voice",
    adminOnly: false,
  },
  {
    id: "team",
    title: "Invite your team",
    todo: "Everyone works under the same keys, budgets and limits.",
    done: "This workspace has more than one member (or an invite waiting).",
    href: "/settings#invite-heading",
    action: "Invite people",
    adminOnly: true,
  },
  {
    id: "budget",
    title: "Set a monthly budget",
    todo: "Get an alert at 80% and stop spending at 100%, for the workspace or per member.",
    done: "A budget watches this workspace's spend.",
    href: "/settings/budgets",
    action: "Set a budget",
    adminOnly: true,
  },
];

function Tick({ done }: { done: boolean }) {
  return done ? (
    <span className="mt-0.5 flex size-6 shrink-0 items-center justify-center rounded-full bg-emerald-600 text-white" aria-hidden="true">
      <svg viewBox="0 0 16 16" className="size-3.5" fill="none" stroke="currentColor" strokeWidth="2.5">
        <path d="m3.5 8.5 3 3 6-7" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
    </span>
  ) : (
    <span className="mt-0.5 size-6 shrink-0 rounded-full border-2 border-zinc-300 dark:border-zinc-600" aria-hidden="true" />
  );
}

/** The four setup steps of a new workspace, each ticked from what the database holds; hidden once all are done. */
export function SetupChecklist({ state, isAdmin, keyInUse }: { state: ChecklistState; isAdmin: boolean; keyInUse: KeyInUse }) {
  const all = steps(keyInUse);
  const doneCount = all.filter((s) => state[s.id]).length;
  if (doneCount === all.length) return null;
  return (
    <section className="card" aria-labelledby="setup-heading" data-testid="setup-checklist">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="setup-heading" className="font-semibold">
          Set up this workspace
        </h2>
        <p className="muted" data-testid="setup-progress">
          {doneCount} of {all.length} done
        </p>
      </div>
      <div className="mt-3 h-1.5 overflow-hidden rounded-full bg-zinc-100 dark:bg-zinc-800" aria-hidden="true">
        <div className="h-full rounded-full bg-emerald-600" style={{ width: `${(doneCount / all.length) * 100}%` }} />
      </div>
      <ol className="mt-4 divide-y divide-zinc-100 dark:divide-zinc-800">
        {all.map((step, i) => {
          const done = state[step.id];
          const mayAct = isAdmin || !step.adminOnly;
          return (
            <li
              key={step.id}
              className="flex flex-col gap-3 py-3 first:pt-0 last:pb-0 sm:flex-row sm:items-center"
              data-testid={`setup-step-${step.id}`}
              data-done={done}
              aria-label={`Step ${i + 1}: ${step.title}${done ? " (done)" : ""}`}
            >
              <div className="flex min-w-0 flex-1 gap-3">
                <Tick done={done} />
                <div className="min-w-0">
                  <p className={`font-medium ${done ? "text-zinc-500 line-through decoration-zinc-400 dark:text-zinc-400" : ""}`}>
                    {step.title}
                  </p>
                  <p className="muted">{done ? step.done : mayAct ? step.todo : `${step.todo} Only admins and owners can do this.`}</p>
                </div>
              </div>
              {!done &&
                (mayAct ? (
                  <Link href={step.href} className="btn-secondary ml-9 shrink-0 self-start sm:ml-0 sm:self-center">
                    {step.action}
                  </Link>
                ) : (
                  <span className="ml-9 shrink-0 self-start rounded-full bg-zinc-100 px-3 py-1 text-xs font-medium text-zinc-700 sm:ml-0 sm:self-center dark:bg-zinc-800 dark:text-zinc-300">
                    Ask an admin
                  </span>
                ))}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

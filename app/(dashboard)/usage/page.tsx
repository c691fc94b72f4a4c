import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/app/_components/ui/empty-state";
import { PageHeader } from "@/app/_components/ui/page-header";
import { MembersSpend } from "@/app/_components/usage/members-spend";
import { type InitialUsage, UsageView } from "@/app/_components/usage/usage-view";
import { viewFromSearch, viewProblem } from "@/app/_components/usage/view-state";
import { apiPaths } from "@/app/_components/api/routes";
import { requireViewer } from "@/lib/auth/viewer";
import { ledgered } from "@/lib/budgets/ledgered";
import { workspaceUsage } from "@/lib/usage/proxy";
import { getOpenAIProjects } from "@/lib/workspaces/openai-projects";
import { hasRole } from "@/lib/workspaces/roles";

export const metadata: Metadata = { title: "Usage" };

const lastWeek = () => {
  const day = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
  return { start: day(6), end: day(0) };
};

type Search = Record<string, string | string[] | undefined>;

/**
 * The first view's figures, read here so the page arrives with them (and its static charts)
 * instead of asking after it loads; any failure (no Admin key, OpenAI away) leaves the asking,
 * and its explanation, to the browser.
 */
async function firstView(
  search: Search,
  caller: { workspaceId: string; userId: string; role: Parameters<typeof workspaceUsage>[0]["role"] },
) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(search)) if (typeof value === "string") params.set(key, value);
  const view = viewFromSearch(params);
  if (viewProblem(view)) return null;
  try {
    const data = await ledgered({ workspaceId: caller.workspaceId, userId: caller.userId, route: "cto_openai_usage" }, () =>
      workspaceUsage({ ...caller, query: view }),
    );
    return { path: apiPaths.ctoUsage(view), data } satisfies InitialUsage;
  } catch {
    return null;
  }
}

export default async function UsagePage({ searchParams }: { searchParams: Promise<Search> }) {
  const { user, access } = await requireViewer();
  const projectIds = await getOpenAIProjects({ workspaceId: access.workspaceId, fresh: true });
  const isAdmin = hasRole(access.role, "admin");
  const description =
    projectIds.length > 0
      ? `Tokens, requests and cost of this workspace's OpenAI projects (${projectIds.join(", ")}), read with the Admin key.`
      : "Your OpenAI organisation's tokens, requests and cost, read with the Admin key. Visible to admins only until projects are mapped.";
  return (
    <>
      <PageHeader title="Usage" description={description} />
      {projectIds.length === 0 && !isAdmin ? (
        <div className="space-y-6">
          <EmptyState title="Usage is for admins until projects are mapped">
            <p>
              The Admin key reads the whole OpenAI organisation's usage and costs, which only this workspace's admins may see. Once an admin
              maps the workspace's OpenAI projects in{" "}
              <Link href="/settings" className="underline">
                Settings → Workspace → OpenAI projects
              </Link>
              , you will see usage for those projects here.
            </p>
          </EmptyState>
          {/* The member's own calls and requests need no Admin key: they come from our ledger. */}
          <MembersSpend range={lastWeek()} />
        </div>
      ) : (
        <UsageView initial={await firstView(await searchParams, { workspaceId: access.workspaceId, userId: user.id, role: access.role })} />
      )}
    </>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/app/_components/ui/empty-state";
import { PageHeader } from "@/app/_components/ui/page-header";
import { MembersSpend } from "@/app/_components/usage/members-spend";
import { UsageView } from "@/app/_components/usage/usage-view";
import { requireViewer } from "@/lib/auth/viewer";
import { getOpenAIProjects } from "@/lib/workspaces/openai-projects";
import { hasRole } from "@/lib/workspaces/roles";

export const metadata: Metadata = { title: "Usage" };

const lastWeek = () => {
  const day = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
  return { start: day(6), end: day(0) };
};

export default async function UsagePage() {
  const { access } = await requireViewer();
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
        <UsageView />
      )}
    </>
  );
}

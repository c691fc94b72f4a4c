import type { Metadata } from "next";
import { Suspense } from "react";
import { OverviewFigures, OverviewSkeleton } from "@/app/_components/overview/overview-figures";
import { SetupChecklist } from "@/app/_components/overview/setup-checklist";
import { PageHeader } from "@/app/_components/ui/page-header";
import { requireViewer } from "@/lib/auth/viewer";
import { forPage } from "@/lib/database";
import { workspaceOverview } from "@/lib/overview/overview";
import { hasRole } from "@/lib/workspaces/roles";

export const metadata: Metadata = { title: "Overview" };

// The workspace switcher refreshes the route after a switch (useMutation → router.refresh), so this
// server component reads the new current workspace and its figures at once.
async function Figures({ workspaceId, userId, isAdmin }: { workspaceId: string; userId: string; isAdmin: boolean }) {
  const overview = await forPage(workspaceOverview({ workspaceId, userId }));
  if (!overview) return null;
  return (
    <div className="space-y-6">
      <SetupChecklist state={overview.checklist} isAdmin={isAdmin} keyInUse={overview.key.inUse} />
      <OverviewFigures overview={overview} isAdmin={isAdmin} />
    </div>
  );
}

export default async function OverviewPage() {
  const { user, access } = await requireViewer();
  return (
    <>
      <PageHeader title={access.workspaceName} description={`Signed in as ${user.email} · you are ${access.role}`} />
      <Suspense fallback={<OverviewSkeleton />}>
        <Figures workspaceId={access.workspaceId} userId={user.id} isAdmin={hasRole(access.role, "admin")} />
      </Suspense>
    </>
  );
}

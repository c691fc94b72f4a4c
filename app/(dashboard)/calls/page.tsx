import type { Metadata } from "next";
import { CallsView } from "@/app/_components/calls/calls-view";
import { PageHeader } from "@/app/_components/ui/page-header";
import { requireViewer } from "@/lib/auth/viewer";
import { listMembers } from "@/lib/workspaces/members";
import { hasRole } from "@/lib/workspaces/roles";

export const metadata: Metadata = { title: "Calls" };

export default async function CallsPage() {
  const { user, access } = await requireViewer();
  const isAdmin = hasRole(access.role, "admin");
  const members = isAdmin ? await listMembers({ workspaceId: access.workspaceId }) : [];
  return (
    <>
      <PageHeader
        title="Calls"
        description={
          isAdmin
            ? "Every voice call and API request of this workspace: who, when, how long, the tokens and what we estimate they cost."
            : "Your voice calls and API requests: when, how long, the tokens and what we estimate they cost."
        }
      />
      <CallsView viewerId={user.id} isAdmin={isAdmin} members={members.map((m) => ({ userId: m.userId, name: m.name, email: m.email }))} />
    </>
  );
}

import type { Metadata } from "next";
import { InvitePanel } from "@/app/_components/settings/invite-panel";
import { MembersTable } from "@/app/_components/settings/members-table";
import { OpenAIProjectsForm } from "@/app/_components/settings/openai-projects-form";
import { CreateWorkspaceForm, RenameWorkspaceForm } from "@/app/_components/settings/workspace-forms";
import { requireViewer } from "@/lib/auth/viewer";
import { listPendingInvites } from "@/lib/workspaces/invites";
import { listMembers } from "@/lib/workspaces/members";
import { getOpenAIProjects } from "@/lib/workspaces/openai-projects";
import { hasRole } from "@/lib/workspaces/roles";

export const metadata: Metadata = { title: "Workspace settings" };

export default async function WorkspaceSettingsPage() {
  const { user, access } = await requireViewer();
  const isAdmin = hasRole(access.role, "admin");
  const [members, invites, projectIds] = await Promise.all([
    listMembers({ workspaceId: access.workspaceId }),
    isAdmin ? listPendingInvites({ workspaceId: access.workspaceId }) : Promise.resolve([]),
    getOpenAIProjects({ workspaceId: access.workspaceId, fresh: true }),
  ]);
  return (
    <div className="space-y-6">
      <section className="card space-y-5" aria-labelledby="general-heading">
        <h2 id="general-heading" className="font-semibold">
          General
        </h2>
        <RenameWorkspaceForm key={access.workspaceId} workspaceId={access.workspaceId} name={access.workspaceName} canEdit={isAdmin} />
        <CreateWorkspaceForm />
      </section>
      <section className="card space-y-4" aria-labelledby="members-heading">
        <div>
          <h2 id="members-heading" className="font-semibold">
            Members
          </h2>
          <p className="muted">Owners manage everything; admins manage members and keys; members use the workspace.</p>
        </div>
        <MembersTable
          workspaceId={access.workspaceId}
          viewerId={user.id}
          viewerRole={access.role}
          members={members.map(({ joinedAt: _joined, ...m }) => m)}
        />
      </section>
      <section className="card space-y-4" aria-labelledby="projects-heading">
        <div>
          <h2 id="projects-heading" className="font-semibold">
            OpenAI projects
          </h2>
          <p className="muted">
            The Admin key reads usage and costs of the whole OpenAI organisation. Map this workspace to its projects so that members see
            their usage — and only theirs.
          </p>
        </div>
        <OpenAIProjectsForm key={access.workspaceId} workspaceId={access.workspaceId} projectIds={projectIds} canEdit={isAdmin} />
      </section>
      <section className="card space-y-4" aria-labelledby="invite-heading">
        <h2 id="invite-heading" className="font-semibold">
          Invite people
        </h2>
        {isAdmin ? (
          <InvitePanel
            workspaceId={access.workspaceId}
            canInviteOwner={access.role === "owner"}
            pending={invites.map((i) => ({ ...i, expiresAt: i.expiresAt.toISOString() }))}
          />
        ) : (
          <p className="muted">Only admins and owners can invite people. Ask one of them.</p>
        )}
      </section>
    </div>
  );
}

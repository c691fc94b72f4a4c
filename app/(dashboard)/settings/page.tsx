import type { Metadata } from "next";
import { InvitePanel } from "@/app/_components/settings/invite-panel";
import { MembersTable } from "@/app/_components/settings/members-table";
import { OpenAIProjectsForm } from "@/app/_components/settings/openai-projects-form";
import { CreateWorkspaceForm, DeleteWorkspacePanel, RenameWorkspaceForm } from "@/app/_components/settings/workspace-forms";
import { requireViewer } from "@/lib/auth/viewer";
import { listPendingInvites } from "@/lib/workspaces/invites";
import { Pager } from "@/app/_components/ui/pager";
import { offsetOf, pageFromSearch } from "@/lib/http/pagination";
import { countMembers, listMembers } from "@/lib/workspaces/members";
import { MEMBERS_PAGE } from "@/lib/workspaces/schemas";
import { getOpenAIProjects } from "@/lib/workspaces/openai-projects";
import { hasRole } from "@/lib/workspaces/roles";

export const metadata: Metadata = { title: "Workspace settings" };

type Search = Record<string, string | string[] | undefined>;

export default async function WorkspaceSettingsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const [{ user, access }, search] = await Promise.all([requireViewer(), searchParams]);
  const isAdmin = hasRole(access.role, "admin");
  // A workspace of 500 shows them a page at a time (?members=2).
  const limit = MEMBERS_PAGE.defaultLimit;
  const memberCount = await countMembers({ workspaceId: access.workspaceId });
  const page = pageFromSearch(search.members, memberCount, limit);
  const [members, invites, projectIds] = await Promise.all([
    listMembers({ workspaceId: access.workspaceId, limit, offset: offsetOf({ page, limit }) }),
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
          key={access.workspaceId}
          workspaceId={access.workspaceId}
          viewerId={user.id}
          viewerRole={access.role}
          members={members.map(({ joinedAt: _joined, ...m }) => m)}
        />
        <Pager label="Members pages" param="members" page={page} pageSize={limit} total={memberCount} search={search} />
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
            key={access.workspaceId}
            workspaceId={access.workspaceId}
            canInviteOwner={access.role === "owner"}
            pending={invites.map((i) => ({ ...i, expiresAt: i.expiresAt.toISOString() }))}
          />
        ) : (
          <p className="muted">Only admins and owners can invite people. Ask one of them.</p>
        )}
      </section>
      {access.role === "owner" && (
        <section className="card space-y-4 border-red-200 dark:border-red-900/60" aria-labelledby="delete-heading">
          <h2 id="delete-heading" className="font-semibold text-red-700 dark:text-red-400">
            Delete workspace
          </h2>
          <DeleteWorkspacePanel
            key={access.workspaceId}
            workspaceId={access.workspaceId}
            name={access.workspaceName}
            members={memberCount}
          />
        </section>
      )}
    </div>
  );
}

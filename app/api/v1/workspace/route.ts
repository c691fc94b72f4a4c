import { route } from "@/lib/http/route";
import { log } from "@/lib/log";
import { deleteWorkspaceBody, renameWorkspaceBody } from "@/lib/workspaces/schemas";
import { deleteWorkspace, renameWorkspace } from "@/lib/workspaces/workspaces";

export const GET = route({ name: "workspace", auth: "member" }, async ({ access }) => ({
  workspace: { id: access.workspaceId, name: access.workspaceName, role: access.role },
}));

export const PATCH = route({ name: "workspace", auth: "admin", body: renameWorkspaceBody }, async ({ access, body }) => {
  const workspace = await renameWorkspace({ workspaceId: access.workspaceId, name: body.name });
  return { workspace: { id: workspace.id, name: workspace.name, role: access.role } };
});

// Owners only, with the workspace's name typed as confirmation. Its audit trail goes with it, so
// the deletion is logged here instead (ids and counts only).
export const DELETE = route(
  { name: "workspace", auth: "owner", body: deleteWorkspaceBody },
  async ({ principal, access, body, requestId }) => {
    const result = await deleteWorkspace({ workspaceId: access.workspaceId, userId: principal.userId, confirmName: body.confirmName });
    log("info", "workspace_deleted", {
      requestId,
      workspaceId: result.deleted.id,
      deletedBy: principal.userId,
      members: result.deleted.members,
      personalWorkspacesCreated: result.personalWorkspacesCreated,
    });
    return { deleted: true, workspaceId: result.deleted.id, next: result.next };
  },
);

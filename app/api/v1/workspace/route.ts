import { route } from "@/lib/http/route";
import { renameWorkspaceBody } from "@/lib/workspaces/schemas";
import { renameWorkspace } from "@/lib/workspaces/workspaces";

export const GET = route({ name: "workspace", auth: "member" }, async ({ access }) => ({
  workspace: { id: access.workspaceId, name: access.workspaceName, role: access.role },
}));

export const PATCH = route({ name: "workspace", auth: "admin", body: renameWorkspaceBody }, async ({ access, body }) => {
  const workspace = await renameWorkspace({ workspaceId: access.workspaceId, name: body.name });
  return { workspace: { id: workspace.id, name: workspace.name, role: access.role } };
});

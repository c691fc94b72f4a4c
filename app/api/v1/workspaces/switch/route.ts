import { route } from "@/lib/http/route";
import { switchWorkspaceBody } from "@/lib/workspaces/schemas";
import { switchWorkspace } from "@/lib/workspaces/workspaces";

// The wrapper has already proved membership of body.workspaceId before this runs.
export const POST = route({ name: "workspaces", auth: "member", body: switchWorkspaceBody }, async ({ principal, access }) => {
  await switchWorkspace({ userId: principal.userId, workspaceId: access.workspaceId });
  return { workspaceId: access.workspaceId, name: access.workspaceName, role: access.role };
});

import { route } from "@/lib/http/route";
import { listMembers } from "@/lib/workspaces/members";

export const GET = route({ name: "workspace_members", auth: "member" }, async ({ access }) => ({
  workspaceId: access.workspaceId,
  members: await listMembers({ workspaceId: access.workspaceId }),
}));

import { route } from "@/lib/http/route";
import { revokeInvite } from "@/lib/workspaces/invites";
import { inviteParams } from "@/lib/workspaces/schemas";

export const DELETE = route({ name: "workspace_invites", auth: "admin", params: inviteParams }, async ({ access, params }) => {
  await revokeInvite({ workspaceId: access.workspaceId, inviteId: params.inviteId });
  return { revoked: true, inviteId: params.inviteId };
});

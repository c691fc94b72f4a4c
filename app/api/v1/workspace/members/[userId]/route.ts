import { route } from "@/lib/http/route";
import { changeMemberRole, removeMember } from "@/lib/workspaces/members";
import { changeRoleBody, memberParams } from "@/lib/workspaces/schemas";

export const PATCH = route(
  { name: "workspace_members", auth: "admin", body: changeRoleBody, params: memberParams },
  async ({ access, body, params }) =>
    changeMemberRole({
      workspaceId: access.workspaceId,
      actorRole: access.role,
      targetUserId: params.userId,
      role: body.role,
    }),
);

// Members may remove themselves (leave); removing others needs admin, checked in lib.
export const DELETE = route({ name: "workspace_members", auth: "member", params: memberParams }, async ({ principal, access, params }) => {
  await removeMember({
    workspaceId: access.workspaceId,
    actorRole: access.role,
    actorUserId: principal.userId,
    targetUserId: params.userId,
  });
  return { removed: true, userId: params.userId, workspaceId: access.workspaceId };
});

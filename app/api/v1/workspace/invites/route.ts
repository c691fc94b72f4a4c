import { NextResponse } from "next/server";
import { route } from "@/lib/http/route";
import { sendInviteEmail } from "@/lib/mail";
import { createInvite, listPendingInvites } from "@/lib/workspaces/invites";
import { createInviteBody } from "@/lib/workspaces/schemas";

export const GET = route({ name: "workspace_invites", auth: "admin" }, async ({ access }) => ({
  invites: await listPendingInvites({ workspaceId: access.workspaceId }),
}));

export const POST = route(
  { name: "workspace_invites", auth: "admin", body: createInviteBody },
  async ({ req, principal, access, body }) => {
    const { invite, token } = await createInvite({
      workspaceId: access.workspaceId,
      email: body.email,
      role: body.role,
      invitedBy: principal.userId,
      actorRole: access.role,
    });
    const inviteUrl = new URL(`/invite/${token}`, req.nextUrl.origin).toString();
    const emailed = await sendInviteEmail({
      to: invite.email,
      inviteUrl,
      workspaceName: access.workspaceName,
      invitedBy: principal.name ?? principal.email,
    });
    return NextResponse.json({ invite, inviteUrl, emailed }, { status: 201 });
  },
);

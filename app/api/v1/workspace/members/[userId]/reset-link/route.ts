import { NextResponse } from "next/server";
import { createMemberResetLink } from "@/lib/auth/member-reset";
import { publicOrigin } from "@/lib/auth/links";
import { route } from "@/lib/http/route";
import { memberParams } from "@/lib/workspaces/schemas";

// Admins: a password-reset link for a member (mailed to them when SMTP is set, else shown once).
export const POST = route(
  { name: "workspace_member_reset_link", auth: "admin", params: memberParams },
  async ({ req, principal, access, params }) =>
    NextResponse.json(
      await createMemberResetLink({
        workspaceId: access.workspaceId,
        actorUserId: principal.userId,
        targetUserId: params.userId,
        origin: publicOrigin(req.headers),
      }),
      { status: 201 },
    ),
);

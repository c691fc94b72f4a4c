import { route } from "@/lib/http/route";
import { acceptInvite } from "@/lib/workspaces/invites";
import { acceptInviteBody } from "@/lib/workspaces/schemas";

export const POST = route({ name: "invites", auth: "user", body: acceptInviteBody }, async ({ principal, body }) =>
  acceptInvite({ token: body.token, userId: principal.userId, userEmail: principal.email }),
);

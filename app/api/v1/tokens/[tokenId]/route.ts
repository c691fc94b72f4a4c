import { route } from "@/lib/http/route";
import { tokenParams } from "@/lib/tokens/schemas";
import { revokeToken } from "@/lib/tokens/tokens";

/** Revokes a token at once: the caller's own, or (admins) any of the workspace's. */
export const DELETE = route({ name: "api_token", auth: "member", params: tokenParams }, async ({ principal, access, params }) => ({
  token: await revokeToken({
    workspaceId: access.workspaceId,
    tokenId: params.tokenId,
    viewer: { userId: principal.userId, role: access.role },
  }),
}));

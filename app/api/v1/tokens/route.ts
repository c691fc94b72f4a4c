import { NextResponse } from "next/server";
import { route } from "@/lib/http/route";
import { createTokenBody } from "@/lib/tokens/schemas";
import { createToken, listTokens } from "@/lib/tokens/tokens";

/** The workspace's personal access tokens: an admin sees everyone's, a member their own. */
export const GET = route({ name: "api_tokens", auth: "member" }, async ({ principal, access }) => ({
  workspaceId: access.workspaceId,
  tokens: await listTokens({ workspaceId: access.workspaceId, viewer: { userId: principal.userId, role: access.role } }),
}));

/** A new token for the caller in this workspace; its secret is in this answer and nowhere else, ever. */
export const POST = route({ name: "api_tokens", auth: "member", body: createTokenBody }, async ({ principal, access, body }) => {
  const created = await createToken({
    workspaceId: access.workspaceId,
    userId: principal.userId,
    name: body.name,
    scopes: body.scopes,
    expiresInDays: body.expiresInDays,
  });
  return NextResponse.json({ token: created }, { status: 201 });
});

import { NextResponse } from "next/server";
import { route } from "@/lib/http/route";
import { createWorkspaceBody } from "@/lib/workspaces/schemas";
import { createWorkspace, listUserWorkspaces } from "@/lib/workspaces/workspaces";

export const GET = route({ name: "workspaces", auth: "user" }, async ({ principal }) => ({
  workspaces: await listUserWorkspaces({ userId: principal.userId }),
}));

export const POST = route({ name: "workspaces", auth: "user", body: createWorkspaceBody }, async ({ principal, body }) => {
  const workspace = await createWorkspace({ userId: principal.userId, name: body.name });
  return NextResponse.json({ workspace: { id: workspace.id, name: workspace.name, role: "owner" } }, { status: 201 });
});
